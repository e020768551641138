namespace Sinergi.Bench;

/// <summary>Latencies in milliseconds, and what the tables report of them.</summary>
public sealed class Latencies
{
    private readonly List<double> values = [];
    private readonly Lock gate = new();

    public void Add(double milliseconds)
    {
        lock (gate) values.Add(milliseconds);
    }

    public int Count { get { lock (gate) return values.Count; } }

    public double Percentile(double p)
    {
        lock (gate)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public double P50 => Percentile(50);
    public double P99 => Percentile(99);
}
