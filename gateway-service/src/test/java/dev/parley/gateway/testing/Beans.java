package dev.parley.gateway.testing;

import org.springframework.beans.factory.ObjectProvider;

/** Hands a test double to code that looks its collaborators up lazily. */
public final class Beans {

    private Beans() {
    }

    public static <T> ObjectProvider<T> provider(T bean) {
        return new ObjectProvider<>() {
            @Override
            public T getObject() {
                return bean;
            }
        };
    }
}
