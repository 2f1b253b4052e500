package dev.faultline.injectors;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAmount;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what could change in an object meant to be settings only: a field that is not final, an array, or a
 * collection that is not one of {@code List.of}/{@code copyOf}'s immutable ones, anywhere beneath it.
 */
public final class Immutability {
    private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, Class.class);

    private final List<String> problems = new ArrayList<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private Immutability() {
    }

    /** Everything mutable beneath {@code root}, each as {@code path: why}; empty when it is immutable. */
    public static List<String> problems(Object root) {
        Immutability walk = new Immutability();
        walk.object(root.getClass().getSimpleName(), root);
        return walk.problems;
    }

    private void value(String path, Object value) {
        if (value == null || VALUES.contains(value.getClass()) || value instanceof Enum<?>
                || value instanceof TemporalAmount || value instanceof TemporalAccessor || !seen.add(value)) {
            return;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            problems.add(path + ": an array (mutable)");
        } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            collection(path, value);
        } else if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                value(path + "." + component.getName(), read(component, value));
            }
        } else if (type.getName().startsWith("java.")) {
            problems.add(path + ": a " + type.getName() + " (not known to be immutable)");
        } else {
            object(path, value);
        }
    }

    private void collection(String path, Object value) {
        if (!value.getClass().getName().startsWith("java.util.ImmutableCollections$")) {
            problems.add(path + ": a " + value.getClass().getName() + " (mutable; use List.copyOf, Map.copyOf)");
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                value(path + "[" + k + "]", k);
                value(path + "[" + k + "]", v);
            });
        } else {
            int i = 0;
            for (Object element : (Collection<?>) value) {
                value(path + "[" + i++ + "]", element);
            }
        }
    }

    private void object(String path, Object value) {
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                String at = path + "." + field.getName();
                if (!Modifier.isFinal(field.getModifiers())) {
                    problems.add(at + ": not final");
                }
                if (!field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    value(at, read(field, value));
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static Object read(RecordComponent component, Object owner) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
