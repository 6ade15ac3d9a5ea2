using Spps.Testing;
namespace Spps.Hsm.Tests;

/// <summary>
/// The spend rule of a ticket (used by production): one guarded statement checks the limit and counts, and the use is
/// recorded, committed before the caller is authorised, so concurrent spenders never exceed the limit.
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
            if (TrySpend(modules[worker % modules.Count], id))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(max, granted);
        Assert.Equal((max, (long?)max), Cm.ManufacturerRole().ListTickets().Select(ticket => (ticket.Used, ticket.MaxDevices)).Single());
        Assert.Equal("TICKET_SPENT", Assert.Throws<HsmException>(() => Cm.Store.SpendTicket(id, Dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow)).Code);
        Assert.Equal(max, StoreRows.Query<long>(Cm.Folder, "SELECT COUNT(*) FROM ticket_uses;").Single());
    }

    private const string Dsn = "000102030405060708090A0B0C0D0E0F";

    private static bool TrySpend(HsmModule module, string ticketId)
    {
        try
        {
            module.Store.SpendTicket(ticketId, Dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow);
            return true;
        }
        catch (HsmException error) when (error.Code == "TICKET_SPENT")
        {
            return false;
        }
    }

    [Fact]
    public void An_unlimited_ticket_counts_every_use_and_an_unknown_ticket_authorises_nothing()
    {
        var id = Held(null, "NONE");
        Parallel.For(0, 20, _ => Assert.True(TrySpend(Cm, id)));
        Assert.Equal(20, Cm.ManufacturerRole().ListTickets().Single().Used);
        Assert.Equal("UNKNOWN_TICKET", Assert.Throws<HsmException>(() => Cm.Store.SpendTicket(NewTicketId(), Dsn, Challenges.NewNonce(), DateTimeOffset.UtcNow)).Code);
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
