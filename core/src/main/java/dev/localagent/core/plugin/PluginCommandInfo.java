package dev.localagent.core.plugin;

/** A command contributed by a plugin, as listed from the index. */
public record PluginCommandInfo(String name, String help, String pluginId) {}
