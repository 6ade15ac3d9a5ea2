namespace Spps.Architecture.Tests;

/// <summary>A project of src/ as built: the assembly it makes and the names of the assemblies its code references.</summary>
public sealed record CompiledProject(string Name, string AssemblyName, IReadOnlyList<string> References);
