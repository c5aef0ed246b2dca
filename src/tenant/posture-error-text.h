/* posture-error-text.h: what an error means to a person and what to do about it
 *
 * The one mapper (STYLE.md B9) from a GError to the translated text Posture shows: the
 * app's dialogs, status pages and toasts and posture-cli's messages all come from here.
 * It knows the tenant client's and the token store's errors, the core's JSON, snapshot
 * and engine errors, and GIO's; any other error gets a general text with its message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A short title for a heading or a status page ("Reading the Tenant Took Too Long"),
 * translated. Returns: (transfer none). */
const char *posture_error_get_title   (const GError *error);

/* What to do, translated, one sentence or two ("Wait a few minutes, then refresh.").
 * Returns: (transfer none). */
const char *posture_error_get_advice  (const GError *error);

/* The whole text: what happened (translated), the details the error carries (the
 * address, the file, the service's own words, untranslated), and what to do, on
 * separate lines. Text from a server is kept as it came (a terminal escapes it when it
 * prints); a secret never reaches an error message in the first place. Returns: (transfer
 * full). */
char       *posture_error_to_text     (const GError *error);

G_END_DECLS
