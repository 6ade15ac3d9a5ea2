namespace Spps.Hsm.Tests;

/// <summary>
/// The spend rule of a ticket (used by production): one guarded statement checks the limit and counts, committed
/// before the caller is authorised, so concurrent spenders never exceed the limit.
/// </summary>
public sealed class TicketSpendTests : HandshakeModules
{
    private string Held(long? maxDevices, string protocol = "AUTH_CODE")
    {
        var ticket = Ticket("limited", maxDevices: maxDevices, protocol: protocol);
        Cm.ManufacturerRole().ProcessJobRequest(Oem.UserRole("oem").SignJobRequest(Content(ticket)).Container);
        return ticket.TicketId;
    }

    [Fact]
    public void Many_threads_on_separately_opened_modules_spending_a_ticket_of_max_n_get_exactly_n_authorisations()
    {
        const int max = 7;
        var id = Held(max);
        // Each worker opens the module itself, as separate processes on one store would; they race on one ticket.
        var modules = Enumerable.Range(0, 4).Select(_ => HsmModule.Open(Cm.Folder)).ToList();
        var granted = 0;
        Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 16 }, worker =>
        {
            if (modules[worker % modules.Count].Store.SpendTicket(id))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(max, granted);
        Assert.Equal((max, (long?)max), Cm.ManufacturerRole().ListTickets().Select(ticket => (ticket.Used, ticket.MaxDevices)).Single());
        Assert.False(Cm.Store.SpendTicket(id));
    }

    [Fact]
    public void An_unlimited_ticket_counts_every_use_and_an_unknown_ticket_authorises_nothing()
    {
        var id = Held(null, "NONE");
        Parallel.For(0, 20, _ => Assert.True(Cm.Store.SpendTicket(id)));
        Assert.Equal(20, Cm.ManufacturerRole().ListTickets().Single().Used);
        Assert.False(Cm.Store.SpendTicket(NewTicketId()));
    }

    [Fact]
    public void The_store_itself_refuses_a_count_beyond_the_limit()
    {
        var id = Held(2);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Cm.Folder, Store.HsmStore.DatabaseName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE tickets SET used = 3 WHERE ticket_id = '{id}';";
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery()); // the CHECK constraint
        Assert.Equal(0, Cm.ManufacturerRole().ListTickets().Single().Used);
    }
}
