using System.Security.Cryptography;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Documents;

/// <summary>Reads through to the source while hashing and counting, and stops at the size limit.</summary>
internal sealed class HashingLimitStream(Stream source, ReadOnlyMemory<byte> prefix, long maxBytes) : Stream
{
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int prefixUsed;

    public long BytesRead { get; private set; }

    public string Sha256() => Convert.ToHexStringLower(sha.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (prefixUsed < prefix.Length)
        {
            read = Math.Min(buffer.Length, prefix.Length - prefixUsed);
            prefix.Slice(prefixUsed, read).CopyTo(buffer);
            prefixUsed += read;
        }
        else
        {
            read = await source.ReadAsync(buffer, cancellationToken);
        }
        BytesRead += read;
        if (BytesRead > maxBytes)
            throw new PayloadTooLargeException($"Berkas melebihi batas {maxBytes / (1024 * 1024)} MiB.");
        sha.AppendData(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) sha.Dispose();
        base.Dispose(disposing);
    }
}
