package dev.localagent.core.plugin.internal;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One plugin's classes. JDK packages come from the platform, {@code dev.localagent.api} from the
 * host (both through the {@link ApiOnlyClassLoader} parent), everything else from the plugin's
 * own jar (with the libraries bundled in it), then from the jars of the plugins it depends on.
 *
 * <p>The split is decided by package name up front instead of by asking the parent and catching
 * {@link ClassNotFoundException}: with thousands of plugins those exceptions were a measurable
 * part of activation.
 */
final class PluginClassLoader extends URLClassLoader {
  private static final Set<String> JDK_PACKAGES = jdkPackages();

  static {
    registerAsParallelCapable();
  }

  private final List<PluginClassLoader> dependencies;

  PluginClassLoader(String pluginId, URL jar, ClassLoader apiParent, List<PluginClassLoader> dependencies) {
    super("plugin:" + pluginId, new URL[] {jar}, apiParent);
    this.dependencies = List.copyOf(dependencies);
  }

  private static Set<String> jdkPackages() {
    var packages = new HashSet<String>();
    for (Module module : ModuleLayer.boot().modules()) {
      packages.addAll(module.getPackages());
    }
    return Set.copyOf(packages);
  }

  private static boolean fromParent(String name) {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot);
    return pkg.startsWith("java.") || pkg.startsWith("dev.localagent.api") || JDK_PACKAGES.contains(pkg);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (fromParent(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> found = findOwnOrDependencyClass(name);
      if (found == null) {
        throw new ClassNotFoundException(name + " (not in plugin " + getName() + " nor its dependencies)");
      }
      if (resolve) {
        resolveClass(found);
      }
      return found;
    }
  }

  private Class<?> findOwnOrDependencyClass(String name) {
    Class<?> loaded = findLoadedClass(name);
    if (loaded != null) {
      return loaded;
    }
    // Own jar first; findResource is a lookup in the jar's index, no exception when absent.
    if (findResource(name.replace('.', '/').concat(".class")) != null) {
      try {
        return findClass(name);
      } catch (ClassNotFoundException e) {
        return null;
      }
    }
    for (PluginClassLoader dependency : dependencies) {
      Class<?> found;
      synchronized (dependency.getClassLoadingLock(name)) {
        found = dependency.findOwnOrDependencyClass(name);
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
