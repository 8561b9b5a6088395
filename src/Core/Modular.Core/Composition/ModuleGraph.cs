namespace Modular.Core.Composition;

/// <summary>Checks that every module's dependencies are present and orders modules so dependencies come first.</summary>
internal static class ModuleGraph
{
    public static IReadOnlyList<ModularModule> Order(IReadOnlyList<ModularModule> modules)
    {
        var byName = new Dictionary<string, ModularModule>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in modules)
        {
            if (!byName.TryAdd(module.Name, module))
            {
                throw new ModularConfigurationException($"Module '{module.Name}' is added twice to the host.");
            }
        }

        var missing = modules
            .SelectMany(m => m.DependsOn.Where(d => !byName.ContainsKey(d)).Select(d => (Module: m.Name, Missing: d)))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ModularConfigurationException(string.Join(Environment.NewLine, missing.Select(x =>
                $"Module '{x.Module}' needs module '{x.Missing}', which this host does not add. Add it in AddModular (e.g. .Add{x.Missing}()).")));
        }

        var ordered = new List<ModularModule>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false = visiting, true = done
        foreach (var module in modules)
        {
            Visit(module, byName, state, ordered, []);
        }

        return ordered;
    }

    private static void Visit(ModularModule module, Dictionary<string, ModularModule> byName, Dictionary<string, bool> state,
        List<ModularModule> ordered, List<string> path)
    {
        if (state.TryGetValue(module.Name, out var done))
        {
            if (!done)
            {
                throw new ModularConfigurationException($"Modules depend on each other in a cycle: {string.Join(" -> ", path)} -> {module.Name}.");
            }

            return;
        }

        state[module.Name] = false;
        path.Add(module.Name);
        foreach (var dependency in module.DependsOn)
        {
            Visit(byName[dependency], byName, state, ordered, path);
        }

        path.RemoveAt(path.Count - 1);
        state[module.Name] = true;
        ordered.Add(module);
    }
}
