package dev.faultline.injectors.adapters;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ServiceAdapter;

/**
 * Chooses the adapter of one kind ({@code BrokerAdapter}, {@code StoreAdapter}) for a service: the one the fault
 * names ({@code with.adapter}), else the first registered one that recognizes the service. Adapters are found with
 * {@link ServiceLoader} on the context class loader, where the fault types are found too.
 */
public final class Adapters<A extends ServiceAdapter> {
    private final Class<A> kind;
    private final String kindName;
    private final List<A> all;

    private Adapters(Class<A> kind, String kindName, List<A> all) {
        this.kind = kind;
        this.kindName = kindName;
        this.all = List.copyOf(all);
    }

    /** Every adapter of {@code kind} registered with {@link ServiceLoader} on the context class loader. */
    public static <A extends ServiceAdapter> Adapters<A> discover(Class<A> kind, String kindName) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<A> found = ServiceLoader.load(kind, loader).stream().map(ServiceLoader.Provider::get).toList();
        return new Adapters<>(kind, kindName, found);
    }

    /** These adapters only (tests). */
    public static <A extends ServiceAdapter> Adapters<A> of(Class<A> kind, String kindName, List<A> adapters) {
        return new Adapters<>(kind, kindName, adapters);
    }

    public Class<A> kind() {
        return kind;
    }

    /**
     * The adapter for {@code service}: {@code named} when given (it must exist), else the first that recognizes it.
     *
     * @throws IllegalArgumentException naming the service and the products available, when there is none
     */
    public A choose(ServiceSpec service, Optional<String> named) {
        if (named.isPresent()) {
            return all.stream().filter(a -> a.product().equals(named.get())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no " + kindName + " adapter '" + named.get()
                            + "'; available: " + productList()));
        }
        return all.stream().filter(a -> a.recognizes(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kindName + " adapter recognizes service "
                        + service.name() + " (image " + service.image() + "); set with.adapter to one of "
                        + productList() + ", or add an adapter (" + kind.getName() + ", registered in META-INF/services)"));
    }

    /** The products of these adapters, in the order they are tried. */
    public List<String> products() {
        return all.stream().map(ServiceAdapter::product).toList();
    }

    private String productList() {
        return all.isEmpty() ? "(none)" : String.join(", ", products());
    }
}
