/* posture-http-private.h: the HTTP layer shared by PostureOAuth and PostureTenantClient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "posture-tenant-types.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_HTTP (posture_http_get_type ())

G_DECLARE_FINAL_TYPE (PostureHttp, posture_http, POSTURE, HTTP, GObject)

typedef struct
{
  guint               status;
  GBytes             *body;          /* never NULL */
  SoupMessageHeaders *headers;       /* response headers */
  guint               retry_after_ms; /* what the last answer asked to wait, 0 if nothing */
  guint               attempts;
} PostureHttpResponse;

void                 posture_http_response_free (PostureHttpResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureHttpResponse, posture_http_response_free)

PostureHttp               *posture_http_new         (const PostureHttpOptions *options);
SoupSession               *posture_http_get_session (PostureHttp              *self);
const PostureHttpOptions  *posture_http_get_options (PostureHttp              *self);

/* Sends one request under the per-host bound, retrying 408/425/429/500/502/503/504
 * and connection failures with backoff and jitter (Retry-After honoured) within the
 * caps. Any status is a successful result; only transport failures (after the
 * retries) are errors: POSTURE_CLIENT_ERROR_NETWORK, or G_IO_ERROR_CANCELLED.
 * @bearer (nullable) is copied and wiped after use. The caller has applied the host
 * rules to @uri. An @urgent request goes to the head of its host's queue (the next
 * page of a list, which more requests depend on). */
void                 posture_http_send_async  (PostureHttp         *self,
                                               const char          *method,
                                               const char          *uri,
                                               const char          *content_type,
                                               GBytes              *body,
                                               const char          *bearer,
                                               gboolean             urgent,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
PostureHttpResponse *posture_http_send_finish (PostureHttp         *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Parses a Retry-After value (delta-seconds or HTTP-date); -1 when invalid. */
gint64               posture_http_parse_retry_after (const char *value,
                                                     GDateTime  *now);

/* {"error":{"code","message"}} (BAP, Graph, Dataverse) or the OAuth form
 * {"error":"…","error_description":"…"}; fills what it finds (transfer full). */
void                 posture_http_parse_error_body  (GBytes     *body,
                                                     char      **out_code,
                                                     char      **out_message);

G_END_DECLS
