namespace Workflow.Core.Tests;

using static Samples;

public class SingleLineTests
{
    [Theory]
    [InlineData("PKS Pembinaan\r\nYth. Bapak, setujui di tautan berikut")]
    [InlineData("PKS Pembinaan\nbaris palsu")]
    [InlineData("PKS\tPembinaan")]
    public void TitleWithALineBreakOrTabIsRefused(string title)
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(title: title), Staff, Now));
        Assert.Contains("title", e.Errors.Keys);
    }

    [Fact]
    public void NamesAndPlacesAreSingleLine()
    {
        var a = Approved();
        var signing = Signing() with { Place = "Rutan\nBalikpapan", Signatories = [new PersonInput("Agus\r\nSalim", "Kepala", "Rutan"), new PersonInput("B", "C", "D")] };
        var e = Assert.Throws<DomainValidationException>(() => a.Sign(signing, Pdf("doc-s"), Staff, Now));
        Assert.Contains("place", e.Errors.Keys);
        Assert.Contains("signatories[0].name", e.Errors.Keys);
    }

    [Fact]
    public void PurposeKeepsItsLineBreaks()
    {
        var (a, _) = Agreement.Create("agr-1", New() with { Purpose = "Pertama.\nKedua." }, Staff, Now);
        Assert.Equal("Pertama.\nKedua.", a.Purpose);
    }

    [Fact]
    public void MultiLineTextStillRefusesOtherControlCharacters()
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New() with { Purpose = "Pertama\u0007" }, Staff, Now));
        Assert.Contains("purpose", e.Errors.Keys);
    }
}
