package dev.faultline.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The typed values of this package written as the scenario format writes them; every other value as it is. */
final class Values {
    private Values() {
    }

    static Object plain(Object value) {
        if (value instanceof Percent p) {
            return p.text();
        }
        if (value instanceof Size s) {
            return s.text();
        }
        if (value instanceof Rate r) {
            return r.text();
        }
        if (value instanceof FaultTarget t) {
            return t.text();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, plain(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(plain(item)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }
}
