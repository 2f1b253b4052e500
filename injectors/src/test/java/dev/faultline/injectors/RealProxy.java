package dev.faultline.injectors;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link ProxyServer}: one real fault proxy process for the whole test run, started on first use and
 * stopped when the run ends (it is kept in the root store, which closes it).
 */
final class RealProxy implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealProxy.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == ProxyServer.class;
    }

    @Override
    public ProxyServer resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ProxyServer.class, k -> {
            try {
                return ProxyServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ProxyServer.class);
    }
}
