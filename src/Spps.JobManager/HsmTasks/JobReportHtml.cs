using System.Globalization;
using System.Net;
using System.Text;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// The HTML of a task's production report: one file, its style inside, no script and nothing fetched, so it opens the
/// same anywhere (a browser, an archive, a mail). Tickets with a bar per ticket (inline SVG), the devices of the last
/// status with their verdicts, the status history and the Job End Certifier.
/// </summary>
internal static class JobReportHtml
{
    private const int BarWidth = 240;

    private const string Style = """
        body { font-family: sans-serif; margin: 2em; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; font-size: 0.9em; }
        th { background: #e4e8ee; }
        td.PROGRAMMED, td.VALID { background: #c8efc8; }
        td.UNPROVEN, td.UNEXPECTED, td.BAD_MAC, td.WRONG_BITSTREAM, td.REPLAYED, td.MISSING, td.MALFORMED, td.NOT_PROGRAMMED { background: #f6c4c4; }
        .used { fill: #3b73b9; } .left { fill: #d5dde8; }
        .ended { background: #c8efc8; padding: 0.5em; } .running { background: #fbeec0; padding: 0.5em; }
        """;

    public static string Write(string jobName, HsmTask task, IReadOnlyList<DeviceVerdict> devices, DateTimeOffset written)
    {
        var last = task.Statuses.LastOrDefault();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>Production report: job {Text(jobName)}, HSM task {Text(task.Name)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>Production report: job {Text(jobName)}, HSM task {Text(task.Name)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>Request {Text(task.RequestId ?? "-")}, bound to M-HSM {Text(task.MHsmUuid ?? "-")}; state {task.State}. Written {StatusTime.Text(written)}.</p>\n");
        AppendEnd(html, last);
        AppendTickets(html, task, last);
        AppendDevices(html, devices, last);
        AppendHistory(html, task);
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void AppendEnd(StringBuilder html, ImportedStatus? last)
    {
        html.Append("<h2>Job End Certifier</h2>\n").Append(last switch
        {
            { EndedAt: { } ended } => $"<p class=\"ended\">The job ended at {StatusTime.Text(ended)}{(last.Terminated ? ", terminated with devices left" : string.Empty)}. " +
                                       "The M-HSM's signed certifier, verified by the U-HSM, states that the task's tickets are deleted: no more devices can be programmed.</p>\n",
            null => "<p class=\"running\">No job status imported yet.</p>\n",
            _ => $"<p class=\"running\">Not ended: status {last.Sequence} is an interim status; the tickets are live on the M-HSM.</p>\n",
        });
    }

    private static void AppendTickets(StringBuilder html, HsmTask task, ImportedStatus? last)
    {
        html.Append("<h2>Tickets</h2>\n<table id=\"tickets\">\n<tr><th>Ticket</th><th>Device</th><th>Action</th><th>Max</th><th>Used</th><th>Remaining</th><th>Use</th></tr>\n");
        foreach (var ticket in task.Tickets)
        {
            var count = last?.Tickets.Find(candidate => candidate.TicketId == ticket.TicketId);
            var used = count?.Used ?? 0;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Text(ticket.Name)}</td><td>{Text(ticket.Device)}</td><td>{Text(ticket.Action)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DeviceLimit.Text(ticket.MaxDevices)}</td><td>{used}</td><td>{(count is null ? "-" : DeviceLimit.Text(count.Remaining))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Bar(used, ticket.MaxDevices)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    // A limited ticket's bar is its limit, the used part filled; an unlimited ticket's is scaled to the largest count shown.
    private static string Bar(long used, long? max)
    {
        var filled = max is { } limit ? (int)Math.Round(BarWidth * (double)used / limit) : used > 0 ? BarWidth : 0;
        return $"<svg width=\"{BarWidth}\" height=\"14\" role=\"img\" aria-label=\"{used} of {DeviceLimit.Text(max)}\">" +
               $"<rect class=\"left\" x=\"0\" y=\"0\" width=\"{BarWidth}\" height=\"14\"/><rect class=\"used\" x=\"0\" y=\"0\" width=\"{filled}\" height=\"14\"/></svg>";
    }

    private static void AppendDevices(StringBuilder html, IReadOnlyList<DeviceVerdict> devices, ImportedStatus? last)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Devices{(last is null ? string.Empty : $" (status {last.Sequence})")}</h2>\n");
        if (devices.Count == 0)
        {
            html.Append("<p>No device is recorded.</p>\n");
            return;
        }

        html.Append("<table id=\"devices\">\n<tr><th>DSN</th><th>Target</th><th>Ticket</th><th>Action</th><th>Time</th><th>Result</th><th>CoC</th><th>Why</th></tr>\n");
        foreach (var device in devices)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Text(device.Dsn)}</td><td>{Text(device.Target)}</td><td>{Text(device.Ticket)}</td><td>{Text(device.Action)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{(device.Time is { } time ? StatusTime.Text(time) : "-")}</td><td class=\"{Text(device.Result)}\">{Text(device.Result)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{Text(device.Coc)}\">{Text(device.Coc)}</td><td>{Text(device.Reason)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendHistory(StringBuilder html, HsmTask task)
    {
        html.Append("<h2>Status history</h2>\n");
        if (task.Statuses.Count == 0)
        {
            html.Append("<p>No job status imported yet (import_job_status).</p>\n");
            return;
        }

        html.Append("<table id=\"history\">\n<tr><th>Status</th><th>Made</th><th>Imported</th><th>Devices served</th><th>CoC verdicts</th><th>End</th></tr>\n");
        foreach (var status in task.Statuses)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{status.Sequence}</td><td>{StatusTime.Text(status.Created)}</td><td>{StatusTime.Text(status.Imported)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{status.Tickets.Sum(ticket => ticket.Used)}</td><td>{Text(status.VerdictSummary())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{(status.EndedAt is { } ended ? $"ended {StatusTime.Text(ended)}{(status.Terminated ? " (terminated)" : string.Empty)}" : "-")}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
