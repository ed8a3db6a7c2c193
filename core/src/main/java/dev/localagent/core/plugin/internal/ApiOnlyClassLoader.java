package dev.localagent.core.plugin.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent of every plugin class loader: the JDK (platform loader) plus the {@code
 * dev.localagent.api} packages from the host, and nothing else, so a plugin never sees the host's
 * libraries and may bundle other versions of them.
 */
public final class ApiOnlyClassLoader extends ClassLoader {
  static final String API_PREFIX = "dev.localagent.api.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader host;
  // API classes handed out so far: every plugin links against the same few, so the thousandth
  // plugin gets them from one map look-up instead of a walk through the host's loader.
  private final Map<String, Class<?>> apiClasses = new ConcurrentHashMap<>();

  public ApiOnlyClassLoader(ClassLoader host) {
    super("localagent-api", ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  /**
   * API classes straight from the host: asking the platform loader first, as the default
   * delegation does, would throw and catch a ClassNotFoundException per API class per plugin.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    return name.startsWith(API_PREFIX) ? apiClass(name) : super.loadClass(name, resolve);
  }

  /** The host's API class {@code name} (which must start with {@link #API_PREFIX}). */
  Class<?> apiClass(String name) throws ClassNotFoundException {
    Class<?> known = apiClasses.get(name);
    return known != null ? known : firstApiClass(name);
  }

  /** Out of {@link #apiClass}: once per name and host, so the JIT keeps the host's loader out of the hot path. */
  private Class<?> firstApiClass(String name) throws ClassNotFoundException {
    Class<?> loaded = host.loadClass(name);
    Class<?> raced = apiClasses.putIfAbsent(name, loaded);
    return raced != null ? raced : loaded;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (name.startsWith(API_PREFIX)) {
      return host.loadClass(name);
    }
    throw new ClassNotFoundException(name);
  }

  @Override
  protected java.net.URL findResource(String name) {
    return name.startsWith("dev/localagent/api/") ? host.getResource(name) : null;
  }
}
