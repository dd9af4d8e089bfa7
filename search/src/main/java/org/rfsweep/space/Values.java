package org.rfsweep.space;

import java.util.List;

/**
 * The values of one key of a design space, with the shape they were written in, so an error
 * names the element as the user wrote it: {@code k[2]} for the third element of a list, plain
 * {@code k} for a single value.
 */
record Values<T>(List<T> items, boolean scalar) {
    Values {
        items = List.copyOf(items);
    }

    static <T> Values<T> of(List<T> items) {
        return new Values<>(items, false);
    }

    static <T> Values<T> single(T item) {
        return new Values<>(List.of(item), true);
    }

    /** The path of element {@code i} under {@code key}. */
    String path(String key, int i) {
        return scalar ? key : key + "[" + i + "]";
    }

    int size() {
        return items.size();
    }

    T get(int i) {
        return items.get(i);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }
}
