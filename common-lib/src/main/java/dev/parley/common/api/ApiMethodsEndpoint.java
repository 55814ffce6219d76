package dev.parley.common.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/api/methods}: the Web API methods this process serves, each with the rules the dispatcher enforces
 * for it. Behind the internal secret like every {@code /internal/**} endpoint; isolation sweeps read it from every
 * process so that a method is swept the day it is added.
 */
@RestController
class ApiMethodsEndpoint {

    private final ApiMethodRegistry registry;

    ApiMethodsEndpoint(ApiMethodRegistry registry) {
        this.registry = registry;
    }

    @RequestMapping("/internal/api/methods")
    Map<String, Object> methods() {
        List<Map<String, Object>> methods = registry.names().stream()
                .map(name -> describe(registry.find(name).orElseThrow()))
                .toList();
        return Map.of("methods", methods);
    }

    private static Map<String, Object> describe(ApiMethodRegistry.Handler handler) {
        ApiMethod rules = handler.rules();
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("name", handler.name());
        method.put("authenticated", rules.authenticated());
        method.put("scopes", List.of(rules.scopes()));
        method.put("access", lower(rules.access()));
        method.put("tokens", Arrays.stream(rules.tokens()).map(ApiMethodsEndpoint::lower).toList());
        method.put("tier", lower(rules.tier()));
        return method;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
