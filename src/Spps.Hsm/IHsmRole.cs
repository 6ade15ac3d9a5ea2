using Spps.Hsm.Protocol;

namespace Spps.Hsm;

/// <summary>
/// What every role of a module offers its callers, the same whether the module runs in this process or behind a
/// server. A role handed to a caller is disposed by that caller (a served module's client holds a connection).
/// </summary>
public interface IHsmRole : IDisposable
{
    ModuleInfo GetInfo();
}
