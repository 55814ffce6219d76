package dev.parley.workspace.identity;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.id.Ids;
import dev.parley.workspace.audit.AuditEntity;
import dev.parley.workspace.audit.AuditLog;
import dev.parley.workspace.token.TokenIssuer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating workspaces and users, and signing in with email and password. */
@Service
public class IdentityService {

    /** A new workspace with its first owner, signed in. */
    public record Bootstrap(Workspace workspace, User owner, TokenIssuer.IssuedToken token) {
    }

    /** A successful sign-in. */
    public record SignIn(User user, TokenIssuer.IssuedToken token) {
    }

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,188}\\.[^@\\s]{1,63}");
    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final TokenIssuer tokens;
    private final AuditLog audit;
    // BCrypt at cost 10: slow enough to resist offline guessing, fast enough for an interactive sign-in.
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(10);

    IdentityService(WorkspaceRepository workspaces, UserRepository users, TokenIssuer tokens, AuditLog audit) {
        this.workspaces = workspaces;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public Bootstrap createWorkspace(String name, String domain, String email, String password, String realName) {
        String cleanName = name.trim();
        if (cleanName.isEmpty() || cleanName.length() > 255) {
            throw new SlackApiException("invalid_name");
        }
        String cleanDomain = (domain == null ? cleanName : domain).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (!DOMAIN.matcher(cleanDomain).matches()) {
            throw new SlackApiException("invalid_domain");
        }
        User owner = newUser(null, email, password, null, realName, User.OWNER);
        Workspace workspace = new Workspace(Ids.workspace(), cleanName, cleanDomain, System.currentTimeMillis() / 1000);
        if (!workspaces.insert(workspace)) {
            throw new SlackApiException("domain_taken");
        }
        owner = withWorkspace(owner, workspace.id());
        users.insert(owner);
        return new Bootstrap(workspace, owner, tokens.issue(workspace.id(), owner.id(), owner.role()));
    }

    /**
     * Creates an account of the given role (member, admin, or one of the guest roles); call it inside the caller's
     * transaction. {@code already_in_team} when the email has an account in the workspace.
     */
    public User createUser(String workspaceId, String email, String password, String name, String realName, String role) {
        // Owners come only with their workspace; any other role may be given, an unknown one is invalid_role.
        if (MemberRole.of(role) == MemberRole.OWNER) {
            throw new SlackApiException("invalid_role");
        }
        User user = withWorkspace(newUser(null, email, password, name, realName, role), workspaceId);
        if (!users.insert(user)) {
            throw new SlackApiException("already_in_team");
        }
        return user;
    }

    /** Checks an email as account creation would, so an invitation to a bad address is refused up front. */
    public static String cleanEmail(String email) {
        String clean = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(clean).matches()) {
            throw new SlackApiException("invalid_email");
        }
        return clean;
    }

    /** The account of an email in one workspace, deactivated or not. */
    public java.util.Optional<User> byEmail(String workspaceId, String email) {
        String clean = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return users.accountsForEmail(clean).stream().filter(a -> a[0].equals(workspaceId)).findFirst()
                .flatMap(a -> users.find(a[0], a[1]));
    }

    public TokenIssuer.IssuedToken tokenFor(User user) {
        return tokens.issue(user.workspaceId(), user.id(), user.role());
    }

    /**
     * Signs in; any mismatch is {@code invalid_auth}, so the answer never tells which part was wrong. The attempt is
     * recorded in the audit log of the workspace whose account it names; an email no workspace knows (or not the one
     * asked for) records nothing, so no workspace learns of another's accounts.
     */
    public SignIn signIn(String email, String password, String team, ApiRequest.Client client) {
        List<String[]> accounts = users.accountsForEmail(email.trim().toLowerCase(Locale.ROOT));
        if (team != null) {
            String workspaceId = team.startsWith("T") ? team : workspaces.idForDomain(team.toLowerCase(Locale.ROOT)).orElse("");
            accounts = accounts.stream().filter(a -> a[0].equals(workspaceId)).toList();
        }
        if (accounts.size() > 1) {
            throw new SlackApiException("team_required");
        }
        User user = accounts.isEmpty() ? null : users.find(accounts.getFirst()[0], accounts.getFirst()[1]).orElse(null);
        // Hash even when there is no such user, so the answer takes as long either way.
        boolean matches = passwords.matches(password, user == null ? DUMMY_HASH : user.passwordHash());
        if (user == null || user.deleted() || !matches) {
            if (user != null) {
                audit.record(user.workspaceId(), "user_login_failed", user.id(), AuditEntity.user(user.id()), client);
            }
            throw new SlackApiException("invalid_auth");
        }
        audit.record(user.workspaceId(), "user_login", user.id(), AuditEntity.user(user.id()), client);
        return new SignIn(user, tokens.issue(user.workspaceId(), user.id(), user.role()));
    }

    public User user(String workspaceId, String userId) {
        return users.find(workspaceId, userId).filter(u -> !u.deleted())
                .orElseThrow(() -> new SlackApiException("user_not_found"));
    }

    public List<String> activeUsers(String workspaceId, List<String> userIds) {
        return activeMembers(workspaceId, userIds).stream().map(User::id).toList();
    }

    /** The given users that are active in the workspace, in the order given, each once. */
    public List<User> activeMembers(String workspaceId, List<String> userIds) {
        return userIds.stream().distinct()
                .flatMap(id -> users.find(workspaceId, id).filter(u -> !u.deleted()).stream())
                .toList();
    }

    /** The users named that exist in the workspace, deactivated ones too, in the order given. */
    public List<User> users(String workspaceId, List<String> userIds) {
        return users.findAll(workspaceId, userIds);
    }

    /** Users of the workspace ordered by id, after the given id. */
    public List<User> list(String workspaceId, String afterId, int limit) {
        return users.list(workspaceId, afterId, limit);
    }

    public Workspace workspace(String workspaceId) {
        return workspaces.find(workspaceId).orElseThrow(() -> new SlackApiException("team_not_found"));
    }

    private static final String DUMMY_HASH = new BCryptPasswordEncoder(10).encode("not a password of anyone");

    private User newUser(String workspaceId, String email, String password, String name, String realName, String role) {
        String cleanEmail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(cleanEmail).matches()) {
            throw new SlackApiException("invalid_email");
        }
        // BCrypt reads at most 72 bytes; a longer password would be silently truncated, so it is refused.
        if (password == null || password.length() < 8 || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw new SlackApiException("invalid_password");
        }
        String userName = (name == null ? cleanEmail.substring(0, cleanEmail.indexOf('@')) : name)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        if (!USER_NAME.matcher(userName).matches()) {
            throw new SlackApiException("invalid_name");
        }
        String cleanRealName = realName == null ? userName : realName.trim();
        if (cleanRealName.length() > 255) {
            throw new SlackApiException("invalid_name");
        }
        return new User(workspaceId, Ids.user(), cleanEmail, userName, cleanRealName, passwords.encode(password), role,
                false, System.currentTimeMillis() / 1000, false);
    }

    private static User withWorkspace(User u, String workspaceId) {
        return new User(workspaceId, u.id(), u.email(), u.name(), u.realName(), u.passwordHash(), u.role(), u.deleted(),
                u.createdAt(), u.bot());
    }
}
