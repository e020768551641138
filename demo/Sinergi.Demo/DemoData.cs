namespace Sinergi.Demo;

internal sealed record Institution(string Id, string Name, string Kind, string Class, string RegionId, string HeadName, string HeadEmail);

internal sealed record Partner(string Id, string Name, string Kind, string ContactName, string ContactEmail, string Area, string Scope);

/// <summary>
/// The institutions, partners and agreements of the seed articles (shared/seeds). Names, places and dates
/// are the articles'; emails are made up on the reserved .example domain so no demo mail can reach anyone.
/// </summary>
internal static class DemoData
{
    public const string Kaltim = "kanwil-kaltim";
    public const string Kalsel = "kanwil-kalsel";

    public static readonly Institution Tenggarong = new("lapas-tenggarong", "Lapas Kelas II Tenggarong", "Lapas", "II", Kaltim, "Kepala Lapas Tenggarong", "kalapas@lapas-tenggarong.example");
    public static readonly Institution Balikpapan = new("rutan-balikpapan", "Rutan Kelas IIA Balikpapan", "Rutan", "IIA", Kaltim, "Agus Salim", "karutan@rutan-balikpapan.example");
    public static readonly Institution Barabai = new("rutan-barabai", "Rutan Kelas IIB Barabai", "Rutan", "IIB", Kalsel, "Gusti Iskandarsyah", "karutan@rutan-barabai.example");
    public static readonly Institution Samarinda = new("lapas-narkotika-samarinda", "Lapas Narkotika Kelas IIA Samarinda", "Lapas", "IIA", Kaltim, "Hidayat", "kalapas@lapas-narkotika-samarinda.example");
    public static readonly Institution Bontang = new("lapas-bontang", "Lapas Kelas IIA Bontang", "Lapas", "IIA", Kaltim, "Suranto", "kalapas@lapas-bontang.example");

    /// <summary>The regional offices: their heads get renewal notices and escalations, and sit on Kanwil review steps.</summary>
    public static readonly Institution KanwilKaltim = new(Kaltim, "Kanwil Ditjen Pemasyarakatan Kalimantan Timur", "Kanwil", "", Kaltim, "Hernowo Sugiastanto", "kakanwil@kanwil-kaltim.example");
    public static readonly Institution KanwilKalsel = new(Kalsel, "Kanwil Ditjen Pemasyarakatan Kalimantan Selatan", "Kanwil", "", Kalsel, "Kepala Kanwil Kalimantan Selatan", "kakanwil@kanwil-kalsel.example");

    public static readonly Institution[] Institutions = [KanwilKaltim, KanwilKalsel, Tenggarong, Balikpapan, Barabai, Samarinda, Bontang];

    public static readonly Partner Sekata = new("yayasan-sekata", "Yayasan SEKATA (Selamatkan Anak Kita) Balikpapan", "Foundation", "Mohammad Effendi", "pimpinan@yayasan-sekata.example",
        "DrugRehabilitation", "Bimbingan teknis dan materi tentang NAPZA, pendampingan warga binaan peserta program rehabilitasi, serta evaluasi berkala.");

    /// <summary>Signed with Lapas Tenggarong at Pendopo Odah Etam on 14 October 2025.</summary>
    public static readonly Partner[] TenggarongPartners =
    [
        new("distanak-kukar", "Dinas Pertanian dan Peternakan Kabupaten Kutai Kartanegara", "GovernmentAgency", "Kepala Dinas", "kadis@distanak-kukar.example", "Agribusiness", "Pelatihan agribisnis dan peternakan bagi warga binaan."),
        new("dispora-kukar", "Dinas Pemuda dan Olahraga Kabupaten Kutai Kartanegara", "GovernmentAgency", "Kepala Dinas", "kadis@dispora-kukar.example", "Sport", "Pembinaan olahraga warga binaan."),
        new("rsud-am-parikesit", "RSUD AM Parikesit", "GovernmentAgency", "Direktur", "direktur@rsud-parikesit.example", "Health", "Layanan kesehatan berkelanjutan bagi warga binaan."),
        new("bri-tenggarong", "Bank BRI Cabang Tenggarong", "Bank", "Pemimpin Cabang", "pinca@bri-tenggarong.example", "FinancialLiteracy", "Literasi keuangan dan akses permodalan usaha mikro bagi warga binaan yang akan bebas."),
        new("lbh-masyarakat-kaltim", "Lembaga Bantuan Hukum Masyarakat Kalimantan Timur", "Foundation", "Direktur", "direktur@lbh-kaltim.example", "LegalAid", "Bantuan hukum bagi warga binaan."),
        new("pkbm-puspa-wijaya", "PKBM Puspa Wijaya", "Foundation", "Ketua", "ketua@pkbm-puspa-wijaya.example", "Education", "Pendidikan kesetaraan (kejar paket) bagi warga binaan."),
        Sekata with { Scope = "Rehabilitasi dan pendampingan warga binaan pengguna NAPZA." },
        new("faperta-unikarta", "Fakultas Pertanian Universitas Kutai Kartanegara", "University", "Dekan", "dekan@faperta-unikarta.example", "Agribusiness", "Transfer teknologi dan pendampingan akademik pelatihan pertanian."),
        new("pt-stbj", "PT STBJ", "Company", "Direktur", "direktur@pt-stbj.example", "WorkSkills", "Pelatihan kerja dan keterampilan."),
        new("psikolog-profesional-kukar", "Psikolog Profesional Kutai Kartanegara", "Professional", "Koordinator", "koordinator@psikolog-kukar.example", "Psychology", "Layanan psikologis bagi warga binaan."),
    ];

    /// <summary>Signed with Rutan Barabai at the Auditorium Pemkab HST on 13 March 2023; the first three renew earlier agreements.</summary>
    public static readonly (Partner Partner, bool Renewal)[] BarabaiPartners =
    [
        (new("dinkes-hst", "Dinas Kesehatan Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@dinkes-hst.example", "Health", "Peningkatan layanan kesehatan: Pusling dan bantuan obat-obatan."), true),
        (new("perpustakaan-hst", "Dinas Perpustakaan Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@perpustakaan-hst.example", "Education", "Peningkatan budaya literasi WBP: perpustakaan keliling."), true),
        (new("disdik-hst", "Dinas Pendidikan Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@disdik-hst.example", "Education", "Pembinaan intelektual WBP: kejar paket."), true),
        (new("dlh-hst", "Dinas Lingkungan Hidup dan Perhubungan Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@dlh-hst.example", "Waste", "Pengelolaan sampah dan pembinaan bimbingan kerja."), false),
        (new("disdag-hst", "Dinas Perdagangan Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@disdag-hst.example", "ProductMarketing", "Penjualan dan pemasaran hasil karya narapidana."), false),
        (new("satpolpp-damkar-hst", "Satpol PP dan Damkar Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Satuan", "kasat@satpolpp-hst.example", "FireSafety", "Penanganan musibah kebakaran."), false),
        (new("dpmptsp-naker-hst", "Dinas PMPTSP dan Tenaga Kerja Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@dpmptsp-hst.example", "WorkSkills", "Pelatihan kerja bagi narapidana."), false),
        (new("disdukcapil-hst", "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Hulu Sungai Tengah", "GovernmentAgency", "Kepala Dinas", "kadis@disdukcapil-hst.example", "PopulationData", "Pemadanan dan validasi data NIK tahanan dan narapidana."), false),
    ];

    public static readonly Partner DewanUkm = new("dewan-ukm-kaltim", "Dewan Usaha Kecil dan Menengah Provinsi Kalimantan Timur", "Other", "Andi Fathul Khair", "ketua@dewan-ukm-kaltim.example",
        "ProductMarketing", "Pembinaan kemandirian dan penyebarluasan produk hasil karya WBP.");

    public static readonly Partner PemkotBontang = new("pemkot-bontang", "Pemerintah Kota Bontang", "LocalGovernment", "Neni Moerniaeni", "walikota@pemkot-bontang.example",
        "Spiritual", "Pembinaan spiritual dan mental warga binaan.");
}
