package dev.parley.workspace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workspace service's settings ({@code parley.workspace.*}): whether anyone may create a workspace, and how long
 * an invitation stays valid.
 */
@ConfigurationProperties("parley.workspace")
public record WorkspaceProperties(@DefaultValue("true") boolean openSignup, @DefaultValue("7d") Duration inviteTtl) {

    public WorkspaceProperties {
        if (inviteTtl == null || inviteTtl.isNegative() || inviteTtl.isZero()) {
            throw new IllegalArgumentException(
                    "parley.workspace.invite-ttl must be a positive duration, e.g. 7d, but is " + inviteTtl);
        }
    }
}
