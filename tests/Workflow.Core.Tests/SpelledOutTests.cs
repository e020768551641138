using Workflow.Core;

namespace Workflow.Core.Tests;

public sealed class SpelledOutTests
{
    [Theory]
    [InlineData(0, "nol")]
    [InlineData(1, "satu")]
    [InlineData(10, "sepuluh")]
    [InlineData(11, "sebelas")]
    [InlineData(12, "dua belas")]
    [InlineData(19, "sembilan belas")]
    [InlineData(20, "dua puluh")]
    [InlineData(36, "tiga puluh enam")]
    [InlineData(100, "seratus")]
    [InlineData(111, "seratus sebelas")]
    [InlineData(250, "dua ratus lima puluh")]
    [InlineData(1000, "seribu")]
    [InlineData(1001, "seribu satu")]
    [InlineData(1945, "seribu sembilan ratus empat puluh lima")]
    [InlineData(2023, "dua ribu dua puluh tiga")]
    [InlineData(11000, "sebelas ribu")]
    [InlineData(100000, "seratus ribu")]
    [InlineData(1000000, "satu juta")]
    [InlineData(2500000000, "dua miliar lima ratus juta")]
    public void NumbersAreWrittenAsIndonesianAgreementsWriteThem(long number, string words) => Assert.Equal(words, SpelledOut.Indonesian(number));

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(13, "thirteen")]
    [InlineData(36, "thirty-six")]
    [InlineData(100, "one hundred")]
    [InlineData(2023, "two thousand twenty-three")]
    [InlineData(1001001, "one million one thousand one")]
    public void NumbersAreWrittenInEnglishForAnEnglishDraft(long number, string words) => Assert.Equal(words, SpelledOut.English(number));

    [Fact]
    public void ADateIsWrittenWithItsWeekdayAndEveryNumberInWords()
    {
        Assert.Equal("Senin tanggal tiga belas bulan Maret tahun dua ribu dua puluh tiga", SpelledOut.IndonesianDate(new DateOnly(2023, 3, 13)));
        Assert.Equal("Rabu tanggal lima bulan November tahun dua ribu dua puluh lima", SpelledOut.IndonesianDate(new DateOnly(2025, 11, 5)));
        Assert.Equal("Jumat tanggal satu bulan Januari tahun dua ribu dua puluh tujuh", SpelledOut.IndonesianDate(new DateOnly(2027, 1, 1)));
        Assert.Equal("Monday, day thirteen of March in the year two thousand twenty-three", SpelledOut.EnglishDate(new DateOnly(2023, 3, 13)));
    }

    [Fact]
    public void AValidityIsWrittenInFiguresThenInWords()
    {
        Assert.Equal("36 (tiga puluh enam)", SpelledOut.FiguresAndWords(36));
        Assert.Equal("12 (dua belas)", SpelledOut.FiguresAndWords(12));
        Assert.Equal("60 (sixty)", SpelledOut.FiguresAndWords(60, english: true));
    }

    [Fact]
    public void ANegativeNumberIsNotWritten() => Assert.Throws<ArgumentOutOfRangeException>(() => SpelledOut.Indonesian(-1));
}
