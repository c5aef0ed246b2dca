/* posture-markdown-view.h: a safe renderer for the Markdown of training modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_MARKDOWN_VIEW (posture_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (PostureMarkdownView, posture_markdown_view, POSTURE, MARKDOWN_VIEW, AdwBin)

GtkWidget  *posture_markdown_view_new              (void);
const char *posture_markdown_view_get_markdown     (PostureMarkdownView *self);
void        posture_markdown_view_set_markdown     (PostureMarkdownView *self,
                                                    const char          *markdown);
/* The rendered text without markup, one block a line (for tests and accessibility). */
char       *posture_markdown_view_dup_text         (PostureMarkdownView *self);

/* Inline Markdown (**strong**, *emphasis*, `code`, [links](https://…)) to Pango markup.
 * Every piece of the source is escaped; only links to https://, http:// and mailto:
 * become <a> elements. The result always parses as Pango markup. */
char       *posture_markdown_inline_to_markup      (const char          *text);
gboolean    posture_markdown_uri_is_safe           (const char          *uri);

G_END_DECLS
