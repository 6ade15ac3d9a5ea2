namespace Spps.Workspace.Tests;

/// <summary>Unbroken work runs from its start until the last piece is disposed, each piece counted once.</summary>
public sealed class UnbrokenWorkTests
{
    private readonly UnbrokenWork _work = new();

    [Fact]
    public void Nothing_runs_until_work_begins()
    {
        Assert.False(_work.IsRunning);
    }

    [Fact]
    public void Work_runs_until_its_last_piece_is_done()
    {
        var first = _work.Begin();
        var second = _work.Begin();
        second.Dispose();
        Assert.True(_work.IsRunning);
        first.Dispose();
        Assert.False(_work.IsRunning);
    }

    [Fact]
    public void A_piece_disposed_twice_is_counted_once()
    {
        var outer = _work.Begin();
        var inner = _work.Begin();
        inner.Dispose();
        inner.Dispose();
        Assert.True(_work.IsRunning);
        outer.Dispose();
        Assert.False(_work.IsRunning);
    }
}
