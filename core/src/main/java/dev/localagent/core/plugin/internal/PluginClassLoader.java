package dev.localagent.core.plugin.internal;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * One plugin's classes: parent first for the JDK and the API, then the plugin's own jar (with the
 * libraries bundled in it), then the jars of the plugins it depends on, so a dependent can use
 * the classes its dependency exports.
 */
final class PluginClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final List<PluginClassLoader> dependencies;

  PluginClassLoader(String pluginId, URL jar, ClassLoader apiParent, List<PluginClassLoader> dependencies) {
    super("plugin:" + pluginId, new URL[] {jar}, apiParent);
    this.dependencies = List.copyOf(dependencies);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    try {
      return super.findClass(name);
    } catch (ClassNotFoundException own) {
      for (PluginClassLoader dependency : dependencies) {
        Class<?> found = dependency.findOwnOrDependencyClass(name);
        if (found != null) {
          return found;
        }
      }
      throw own;
    }
  }

  private Class<?> findOwnOrDependencyClass(String name) {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded != null) {
        return loaded;
      }
      try {
        return findClass(name);
      } catch (ClassNotFoundException e) {
        return null;
      }
    }
  }
}
