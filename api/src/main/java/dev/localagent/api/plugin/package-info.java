/**
 * The plugin SPI: what a plugin jar implements ({@link dev.localagent.api.plugin.Plugin}) and what
 * the host gives it ({@link dev.localagent.api.plugin.PluginContext}). Plugins compile against this
 * package, {@code dev.localagent.api.tool} and {@code dev.localagent.api.model} only; at run time
 * their class loader sees these packages and the JDK, nothing else of the host.
 */
package dev.localagent.api.plugin;
