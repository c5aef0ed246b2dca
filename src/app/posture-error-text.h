/* posture-error-text.h: what an error means to the user and what to do about it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps (domain, code) to translated text: a short @out_title ("You Are Offline"),
 * a @out_description that says what to do, and an icon for a status page. The
 * error's own message (untranslated, from the core) is never shown as the title;
 * it is appended to the description only for codes whose message names the
 * offending file or field. Every out argument may be NULL. */
void posture_error_describe (const GError  *error,
                             char         **out_title,
                             char         **out_description,
                             const char   **out_icon_name);

/* One line for a toast: the title and what to do. */
char *posture_error_to_toast (const GError *error);

G_END_DECLS
