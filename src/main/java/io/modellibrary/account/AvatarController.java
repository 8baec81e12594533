package io.modellibrary.account;

import io.modellibrary.common.NoSuchItemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * Serves avatars at {@code /images/<file>}: stored names are random and never reused, so
 * they are cached for a year; {@code nosniff} and a locked-down CSP keep a browser from
 * treating one as anything but an image.
 */
@RestController
@Tag(name = "Accounts")
class AvatarController {

    private static final CacheControl FOR_A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final AvatarStore avatars;

    AvatarController(AvatarStore avatars) {
        this.avatars = avatars;
    }

    @GetMapping("/images/{file}")
    @SecurityRequirements
    @Operation(summary = "An avatar image", description = AccountDocs.AVATAR)
    @ApiResponse(responseCode = "200", description = "the image's bytes",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "max-age=31536000, public, immutable"),
            content = {@Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.IMAGE_GIF_VALUE, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "404", description = "no such image",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(value = AccountDocs.NO_SUCH_IMAGE)))
    ResponseEntity<Resource> image(@Parameter(description = "the file name, such as defaultAvatar.png") @PathVariable String file) {
        AvatarStore.Servable image = avatars.find(file).orElseThrow(() -> new NoSuchItemException("no such image"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.type().contentType()))
                .cacheControl(FOR_A_YEAR)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(image.resource());
    }

    /** Anything else under /images/ (the folder itself, deeper paths): not the static resource handler's. */
    @GetMapping({"/images", "/images/", "/images/**"})
    @io.swagger.v3.oas.annotations.Hidden
    ResponseEntity<Resource> noImage() {
        throw new NoSuchItemException("no such image");
    }
}
