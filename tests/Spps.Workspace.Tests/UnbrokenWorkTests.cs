namespace Spps.Workspace.Tests;

/// <summary>A signal that would end the program waits for unbroken work to be done, and ends it then, once.</summary>
public sealed class UnbrokenWorkTests
{
    private readonly UnbrokenWork _work = new();
    private int _ends;

    [Fact]
    public void With_no_work_running_the_end_is_not_deferred()
    {
        Assert.False(_work.EndAfter(() => _ends++));
        Assert.Equal(0, _ends);
    }

    [Fact]
    public void The_end_comes_when_the_last_running_work_is_done_and_not_before()
    {
        var first = _work.Begin();
        var second = _work.Begin();
        Assert.True(_work.EndAfter(() => _ends++));
        Assert.True(_work.EndAfter(() => _ends += 100)); // a later signal changes nothing: the first end is taken

        second.Dispose();
        Assert.Equal(0, _ends);
        first.Dispose();
        Assert.Equal(1, _ends);
    }

    [Fact]
    public void Work_disposed_twice_counts_once()
    {
        var outer = _work.Begin();
        var inner = _work.Begin();
        inner.Dispose();
        inner.Dispose();
        Assert.True(_work.EndAfter(() => _ends++));
        Assert.Equal(0, _ends);
        outer.Dispose();
        Assert.Equal(1, _ends);
    }

    [Fact]
    public void Work_done_before_any_signal_ends_nothing()
    {
        _work.Begin().Dispose();
        Assert.Equal(0, _ends);
        Assert.False(_work.EndAfter(() => _ends++));
    }
}
