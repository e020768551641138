namespace Workflow.Core;

/// <summary>
/// Numbers and dates written out in words, as Indonesian agreements write them ("tiga puluh enam", "Senin tanggal tiga
/// belas bulan Maret tahun dua ribu dua puluh tiga"), and in English for an English draft.
/// </summary>
public static class SpelledOut
{
    private static readonly string[] UnitsId = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];
    private static readonly string[] DaysId = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    private static readonly string[] MonthsId = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static readonly string[] UnitsEn =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] TensEn = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>A whole number from 0 to 999,999,999,999 in Indonesian words ("dua ribu dua puluh tiga").</summary>
    public static string Indonesian(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999_999_999_999);
        return number == 0 ? UnitsId[0] : string.Join(' ', IndonesianParts(number));
    }

    private static IEnumerable<string> IndonesianParts(long n)
    {
        // Each group of a thousand, from the largest; "se-" stands for "satu" before ratus, ribu (a lone thousand) and belas.
        foreach (var (size, name) in new[] { (1_000_000_000L, "miliar"), (1_000_000L, "juta"), (1_000L, "ribu") })
        {
            var group = n / size;
            n %= size;
            if (group == 0) continue;
            if (group == 1 && size == 1_000) yield return "seribu";
            else
            {
                foreach (var part in BelowThousandId((int)group)) yield return part;
                yield return name;
            }
        }
        foreach (var part in BelowThousandId((int)n)) yield return part;
    }

    private static IEnumerable<string> BelowThousandId(int n)
    {
        var (hundreds, rest) = (n / 100, n % 100);
        if (hundreds == 1) yield return "seratus";
        else if (hundreds > 1) { yield return UnitsId[hundreds]; yield return "ratus"; }
        if (rest == 0) yield break;
        if (rest < 10) yield return UnitsId[rest];
        else if (rest == 10) yield return "sepuluh";
        else if (rest == 11) yield return "sebelas";
        else if (rest < 20) { yield return UnitsId[rest - 10]; yield return "belas"; }
        else
        {
            yield return UnitsId[rest / 10];
            yield return "puluh";
            if (rest % 10 > 0) yield return UnitsId[rest % 10];
        }
    }

    /// <summary>A whole number from 0 to 999,999,999,999 in English words ("two thousand twenty-three").</summary>
    public static string English(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999_999_999_999);
        if (number == 0) return UnitsEn[0];
        var parts = new List<string>();
        foreach (var (size, name) in new[] { (1_000_000_000L, " billion"), (1_000_000L, " million"), (1_000L, " thousand"), (1L, "") })
        {
            var group = (int)(number / size);
            number %= size;
            if (group > 0) parts.Add(BelowThousandEn(group) + name);
        }
        return string.Join(' ', parts);
    }

    private static string BelowThousandEn(int n)
    {
        var (hundreds, rest) = (n / 100, n % 100);
        var tens = rest < 20 ? UnitsEn[rest] : TensEn[rest / 10] + (rest % 10 > 0 ? "-" + UnitsEn[rest % 10] : "");
        return hundreds == 0 ? tens : UnitsEn[hundreds] + " hundred" + (rest > 0 ? " " + tens : "");
    }

    /// <summary>"Senin tanggal tiga belas bulan Maret tahun dua ribu dua puluh tiga".</summary>
    public static string IndonesianDate(DateOnly date) =>
        $"{DaysId[(int)date.DayOfWeek]} tanggal {Indonesian(date.Day)} bulan {MonthsId[date.Month - 1]} tahun {Indonesian(date.Year)}";

    /// <summary>"Monday, day thirteen of March in the year two thousand twenty-three".</summary>
    public static string EnglishDate(DateOnly date) =>
        $"{date.DayOfWeek}, day {English(date.Day)} of {System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month)} in the year {English(date.Year)}";

    /// <summary>"36 (tiga puluh enam)", as a count stands in an agreement: in figures, then in words.</summary>
    public static string FiguresAndWords(int number, bool english = false) => $"{number} ({(english ? English(number) : Indonesian(number))})";
}
