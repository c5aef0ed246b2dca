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

typedef enum
{
  POSTURE_HTTP_NONE       = 0,
  /* Goes to the head of its host's queue, and may take the one slot above the bound (the
   * next page of a list, or a token, that more requests wait for). */
  POSTURE_HTTP_URGENT     = 1 << 0,
  /* May be sent again after a transport failure or a retryable status: a read (GET, or
   * a POST that only reads, such as a token or listTenantSettings) or an idempotent
   * write (PUT, PATCH). Without it the request is sent once: only a 429, the service
   * saying it did not take the request, is waited out and sent again. */
  POSTURE_HTTP_IDEMPOTENT = 1 << 1,
} PostureHttpFlags;

typedef struct
{
  guint               status;
  GBytes             *body;           /* never NULL; at most max_body_bytes */
  SoupMessageHeaders *headers;        /* response headers */
  guint               retry_after_ms; /* what the last answer asked to wait, 0 if nothing */
  guint               attempts;
} PostureHttpResponse;

void                 posture_http_response_free (PostureHttpResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureHttpResponse, posture_http_response_free)

/* Decides whether a redirect from @from to @to may be followed with the same bearer
 * token (the same resource, within the host rules). FALSE with an error (normally
 * POSTURE_CLIENT_ERROR_REFUSED_HOST) refuses it: nothing is sent to @to. */
typedef gboolean (*PostureHttpRedirectCheck) (const char  *from,
                                              const char  *to,
                                              gpointer     user_data,
                                              GError     **error);

PostureHttp               *posture_http_new         (const PostureHttpOptions *options);
SoupSession               *posture_http_get_session (PostureHttp              *self);
const PostureHttpOptions  *posture_http_get_options (PostureHttp              *self);

/* Without a check every redirect is refused with a clear error. */
void                 posture_http_set_redirect_check (PostureHttp              *self,
                                                      PostureHttpRedirectCheck  check,
                                                      gpointer                  user_data,
                                                      GDestroyNotify            destroy);

/* A deadline (g_get_monotonic_time() clock) for every request sent from now on, and
 * for those already under way: past it a request stops, whatever it is doing (waiting
 * for a slot, a retry or a byte), with POSTURE_CLIENT_ERROR_TIMED_OUT. @timeout_s is
 * only for messages. 0 removes it. Each request is also bounded on its own by
 * read_deadline_s from its start. */
void                 posture_http_set_deadline       (PostureHttp              *self,
                                                      gint64                    deadline_us,
                                                      guint                     timeout_s);
gint64               posture_http_get_deadline       (PostureHttp              *self);
guint                posture_http_get_timeout        (PostureHttp              *self);

/* Tests: waits (retries, Retry-After) last @scale times as long as asked (an injected
 * clock that runs faster), default 1.0. */
void                 _posture_http_set_time_scale    (PostureHttp              *self,
                                                      double                    scale);
double               _posture_http_get_time_scale    (PostureHttp              *self);

/* Sends one request under the per-host bound. A POSTURE_HTTP_IDEMPOTENT request is
 * retried on 408/425/429/500/502/503/504 and connection failures with backoff and
 * jitter (Retry-After honoured up to max_retry_after_s, and never past the deadline)
 * within the caps; any other one only on 429, never after a failure that leaves open
 * whether it landed (the caller checks before sending it again). The body is read
 * as it arrives against max_body_bytes (decompressed bytes counted; a declared
 * Content-Length over it is refused before reading). Redirects are followed only
 * where the redirect check allows them, at most 5 hops. Any status is a successful
 * result; transport failures (after the retries) are errors: POSTURE_CLIENT_ERROR_NETWORK,
 * _PROTOCOL (too large, redirects), _REFUSED_HOST, _TIMED_OUT, or G_IO_ERROR_CANCELLED.
 * @bearer (nullable) is copied and wiped after use. The caller has applied the host
 * rules to @uri. A POST, PUT or PATCH without a body
 * still carries @content_type (default application/json), as Microsoft's clients do.
 *
 * The "throttled" signal (guint seconds) is emitted when a request starts waiting
 * for what a Retry-After asked. */
void                 posture_http_send_async  (PostureHttp         *self,
                                               const char          *method,
                                               const char          *uri,
                                               const char          *content_type,
                                               GBytes              *body,
                                               const char          *bearer,
                                               PostureHttpFlags     flags,
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

/* "scheme://host[:port]" of @uri, for messages. */
char                *posture_http_dup_origin        (const char *uri);

G_END_DECLS
