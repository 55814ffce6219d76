package dev.parley.workspace.token;

import dev.parley.workspace.security.SecurityAudit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's handle on the signing keys, on the internal port guarded by {@code parley.internal.secret}
 * ({@code ./parley rotate-signing-key} calls it): rotate now, and list what is published. Keys are shared by every
 * workspace, so no workspace owner may rotate them through the Web API.
 */
@RestController
class SigningKeyController {

    private final SigningKeys keys;
    private final SecurityAudit audit;

    SigningKeyController(SigningKeys keys, SecurityAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @PostMapping("/internal/workspace/signing-keys/rotate")
    Map<String, Object> rotate() {
        SigningKeys.Rotation rotation = keys.rotate();
        audit.signingKeyRotated(rotation.kid(), rotation.activatesAt(), "operator");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("kid", rotation.kid());
        answer.put("activates_at", rotation.activatesAt() / 1000);
        return answer;
    }

    @GetMapping("/internal/workspace/signing-keys")
    Map<String, Object> list() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("signing", keys.current().kid());
        Map<String, Long> published = new LinkedHashMap<>();
        keys.published().forEach((kid, at) -> published.put(kid, at / 1000));
        answer.put("published", published);
        return answer;
    }
}
