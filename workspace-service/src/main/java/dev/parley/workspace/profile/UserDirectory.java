package dev.parley.workspace.profile;

import dev.parley.workspace.client.WorkspaceClient.UserName;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.identity.UserRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Users looked up for another service by name or id, with what it shows of them: name, display name, time zone. */
@Service
public class UserDirectory {

    /** The most names or ids one lookup takes; a search query holds far fewer. */
    static final int MAX = 1000;

    private final UserRepository users;
    private final ProfileRepository profiles;

    UserDirectory(UserRepository users, ProfileRepository profiles) {
        this.users = users;
        this.profiles = profiles;
    }

    /** The users, deactivated ones too, whose name or display name is one of these, ignoring case; by id. */
    public List<UserName> byName(String workspaceId, List<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (name != null && !name.isBlank()) {
                lower.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (lower.isEmpty() || lower.size() > MAX) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        users.findByNames(workspaceId, lower).forEach(u -> ids.add(u.id()));
        ids.addAll(profiles.userIdsByDisplayName(workspaceId, lower));
        return byId(workspaceId, new ArrayList<>(ids)).stream().sorted(java.util.Comparator.comparing(UserName::userId))
                .toList();
    }

    /** These users, deactivated ones too, in the order given; ids of no user of the workspace are left out. */
    public List<UserName> byId(String workspaceId, List<String> userIds) {
        List<String> ids = userIds == null ? List.of() : userIds.stream().distinct().limit(MAX).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<User> found = users.findAll(workspaceId, ids);
        Map<String, Profile> profileOf = profiles.findAll(workspaceId, ids);
        return found.stream().map(u -> {
            Profile p = profileOf.getOrDefault(u.id(), Profile.EMPTY);
            return new UserName(u.id(), u.name(), p.displayName(), p.tz());
        }).toList();
    }
}
