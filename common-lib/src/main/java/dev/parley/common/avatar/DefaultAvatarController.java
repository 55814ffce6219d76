package dev.parley.common.avatar;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves {@link DefaultAvatars} pictures in every process, since a client may be given any process's public URL. */
@RestController
class DefaultAvatarController {

    @GetMapping("/avatars/{text}/{hue}/{size}.svg")
    ResponseEntity<String> avatar(@PathVariable String text, @PathVariable String hue, @PathVariable String size) {
        int h;
        int s;
        try {
            h = Integer.parseInt(hue);
            s = Integer.parseInt(size);
        } catch (NumberFormatException e) {
            return ResponseEntity.notFound().build();
        }
        // 36 is a bot icon's smallest size (BotProfile), which people's pictures do not have.
        if (h < 0 || h >= 360 || !(DefaultAvatars.SIZES.contains(s) || s == 36) || text.length() > 16) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(7)).cachePublic())
                .body(DefaultAvatars.svg(text, h, s));
    }
}
