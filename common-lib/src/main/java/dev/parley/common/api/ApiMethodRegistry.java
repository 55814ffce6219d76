package dev.parley.common.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/** The Web API methods this process serves, collected from its {@link WebApi} beans. */
public class ApiMethodRegistry {

    /** One Web API method bound to its handler and the rules the dispatcher enforces for it. */
    public record Handler(String name, ApiMethod rules, Object bean, Method method) {

        public boolean authenticated() {
            return rules.authenticated();
        }

        Object invoke(ApiRequest request) throws Throwable {
            try {
                return method.invoke(bean, request);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private final Map<String, Handler> handlers = new TreeMap<>();

    public ApiMethodRegistry(ApplicationContext context) {
        for (Object bean : context.getBeansWithAnnotation(WebApi.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type)) {
                ApiMethod annotation = AnnotationUtils.findAnnotation(method, ApiMethod.class);
                if (annotation == null) {
                    continue;
                }
                if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != ApiRequest.class) {
                    throw new IllegalStateException(type.getName() + "." + method.getName()
                            + " must take exactly one ApiRequest");
                }
                ReflectionUtils.makeAccessible(method);
                Handler previous = handlers.put(annotation.value(),
                        new Handler(annotation.value(), annotation, bean, method));
                if (previous != null) {
                    throw new IllegalStateException("Web API method " + annotation.value() + " is served twice");
                }
            }
        }
    }

    public Optional<Handler> find(String method) {
        return Optional.ofNullable(handlers.get(method));
    }

    /** The names of every method served here, sorted: what isolation sweeps and fuzzers walk through. */
    public SortedSet<String> names() {
        return new TreeSet<>(handlers.keySet());
    }
}
