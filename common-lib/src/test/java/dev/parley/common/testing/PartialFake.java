package dev.parley.common.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A stand-in for another service's client interface that answers only the calls a test relies on: each interface
 * method is served by the method of the same name and parameter types on {@code answers}, and any other call fails
 * naming the method. Methods added to the interface later need no change in the tests that do not use them.
 */
public final class PartialFake {

    private PartialFake() {
    }

    public static <T> T of(Class<T> type, Object answers) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "PartialFake(" + type.getSimpleName() + ")";
                    case "hashCode" -> System.identityHashCode(self);
                    default -> self == args[0];
                };
            }
            Method answer;
            try {
                answer = answers.getClass().getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                        + " is not part of this test");
            }
            answer.setAccessible(true);
            try {
                return answer.invoke(answers, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
