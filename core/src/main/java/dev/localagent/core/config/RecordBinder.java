package dev.localagent.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a section's merged tree (maps, lists and scalars from {@link YamlLayer}) to its record
 * through the record's components and canonical constructor. It replaced Jackson databind on the
 * start-up path, whose introspection of every section record cost ~400 ms of each command that
 * loads the configuration (docs/CAPACITY.md, "Configuration without databind"). It accepts what
 * that binding accepted: quoted numbers and booleans, scalars where a string is expected, enum
 * names in any case, and a missing key as null (0 or false for a primitive), which the records'
 * constructors turn into their defaults.
 */
final class RecordBinder {
  private final Map<String, String> env;

  RecordBinder(Map<String, String> env) {
    this.env = env;
  }

  /** Binds {@code node}, found at {@code path}, to {@code type}. */
  Object bind(Object node, Type type, String path) throws BindingFailure {
    Class<?> raw = UnknownKeys.rawClass(type);
    if (node == null) {
      return Scalars.zeroOf(raw);
    }
    if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class) {
      return ScalarBinding.primitive(node, raw, path);
    }
    if (raw == String.class) {
      return ScalarBinding.string(node, path);
    }
    if (raw.isEnum()) {
      return ScalarBinding.enumConstant(node, raw, path);
    }
    if (raw == Secret.class) {
      return SecretBinding.secret(node, env, path);
    }
    if (raw == Duration.class) {
      return ScalarBinding.text(node, Durations::parse, "a duration like 2s or 500ms", path);
    }
    if (raw == ByteSize.class) {
      return ScalarBinding.text(node, ByteSize::parse, "a size like 500MB or 1GB", path);
    }
    if (raw == Object.class) {
      return ConfigTree.deepCopy(node);
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return list(node, typeArgument(type, 0), path);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return map(node, typeArgument(type, 1), path);
    }
    if (raw.isRecord()) {
      return record(node, raw, path);
    }
    throw new IllegalStateException("config type " + type + " at " + path + " is not supported (docs/CONFIG.md)");
  }

  private List<Object> list(Object node, Type elementType, String path) throws BindingFailure {
    if (!(node instanceof List<?> items)) {
      throw mismatch(path, "a list", node);
    }
    var list = new ArrayList<Object>(items.size());
    for (int i = 0; i < items.size(); i++) {
      list.add(bind(items.get(i), elementType, path + "[" + i + "]"));
    }
    return list;
  }

  private Map<String, Object> map(Object node, Type valueType, String path) throws BindingFailure {
    if (!(node instanceof Map<?, ?> entries)) {
      throw mismatch(path, "a mapping", node);
    }
    var map = new LinkedHashMap<String, Object>();
    for (var entry : entries.entrySet()) {
      String key = String.valueOf(entry.getKey());
      map.put(key, bind(entry.getValue(), valueType, ConfigTree.child(path, key)));
    }
    return map;
  }

  /** Components are bound in the order the keys appear, so the first wrong key is the one reported. */
  private Object record(Object node, Class<?> type, String path) throws BindingFailure {
    var shape = RecordShape.of(type);
    if (node instanceof String text && shape.fromText() != null) {
      return construct(shape.fromText(), type, path, text); // e.g. redis: "redis://host:6379"
    }
    if (!(node instanceof Map<?, ?> entries)) {
      throw mismatch(path, "a mapping", node);
    }
    Object[] arguments = new Object[shape.components().length];
    boolean[] bound = new boolean[arguments.length];
    for (var entry : entries.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Integer index = shape.indexByKey().get(key);
      if (index != null) { // unknown keys were reported and removed before binding
        var component = shape.components()[index];
        arguments[index] = bind(entry.getValue(), component.getGenericType(), ConfigTree.child(path, key));
        bound[index] = true;
      }
    }
    for (int i = 0; i < arguments.length; i++) {
      if (!bound[i]) {
        arguments[i] = Scalars.zeroOf(shape.components()[i].getType());
      }
    }
    return construct(shape.constructor(), type, path, arguments);
  }

  private static Object construct(Constructor<?> constructor, Class<?> type, String path, Object... arguments)
      throws BindingFailure {
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw BindingFailure.rejected(path, type, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct config record " + type.getName(), e);
    }
  }

  static BindingFailure mismatch(String path, String expected, Object node) {
    return BindingFailure.wrongValue(path, ConfigErrors.INVALID_VALUE, expected, BindingErrors.describeValue(node), "");
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  /**
   * A record's components by snake_case key, its canonical constructor and, if it declares one
   * besides, a constructor from one string (a value written as a scalar); looked up once per type.
   */
  record RecordShape(RecordComponent[] components, Map<String, Integer> indexByKey, Constructor<?> constructor,
      Constructor<?> fromText) {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
      @Override
      protected RecordShape computeValue(Class<?> type) {
        var components = type.getRecordComponents();
        var indexByKey = new LinkedHashMap<String, Integer>();
        var parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          indexByKey.put(UnknownKeys.snakeCase(components[i].getName()), i);
          parameterTypes[i] = components[i].getType();
        }
        try {
          var constructor = type.getDeclaredConstructor(parameterTypes);
          constructor.setAccessible(true); // records declared inside a test class are not public
          return new RecordShape(components, java.util.Collections.unmodifiableMap(indexByKey), constructor,
              components.length == 1 ? null : textConstructor(type));
        } catch (NoSuchMethodException e) {
          throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
      }
    };

    private static Constructor<?> textConstructor(Class<?> type) {
      for (var constructor : type.getDeclaredConstructors()) {
        if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == String.class) {
          constructor.setAccessible(true);
          return constructor;
        }
      }
      return null;
    }

    static RecordShape of(Class<?> type) {
      return SHAPES.get(type);
    }
  }
}
