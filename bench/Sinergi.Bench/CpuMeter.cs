using System.Diagnostics;

namespace Sinergi.Bench;

/// <summary>CPU time used by this process (client and app) and by Azurite, between Start and Stop: where a phase's time goes.</summary>
public sealed class CpuMeter
{
    private readonly int azuritePid;
    private TimeSpan self0;
    private double azurite0;

    public CpuMeter(string storageConnectionString)
    {
        var port = storageConnectionString.Split(';').First(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal)).Split(':')[2].Split('/')[0];
        azuritePid = Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)).Where(n => n.All(char.IsDigit)).Select(int.Parse)
            .FirstOrDefault(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') is var c && c.Contains("azurite") && c.Contains(port); }
                catch (IOException) { return false; }
            });
    }

    public void Start()
    {
        self0 = Process.GetCurrentProcess().TotalProcessorTime;
        azurite0 = AzuriteSeconds();
    }

    public (double SelfSeconds, double AzuriteSeconds) Stop() =>
        ((Process.GetCurrentProcess().TotalProcessorTime - self0).TotalSeconds, AzuriteSeconds() - azurite0);

    private double AzuriteSeconds()
    {
        if (azuritePid == 0) return double.NaN;
        var fields = File.ReadAllText($"/proc/{azuritePid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime + stime, in clock ticks of 1/100 s
    }
}
