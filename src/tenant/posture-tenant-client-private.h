/* posture-tenant-client-private.h: the request primitive shared by the reader and the writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-oauth-private.h"
#include "posture-tenant-client.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_REQUEST_NONE      = 0,
  POSTURE_REQUEST_ALLOW_404 = 1 << 0,   /* 404 is a result (status 404, no node), not an error */
  POSTURE_REQUEST_URGENT    = 1 << 1,   /* head of the host's queue (next page of a list) */
  POSTURE_REQUEST_READ      = 1 << 2,   /* a POST that only reads (listTenantSettings) */
} PostureRequestFlags;

/* One API call: host rules (a refused URL is never contacted), a bearer token for
 * the URL's resource, the HTTP layer's retries (for a GET, PUT, PATCH or DELETE, or a
 * POST flagged POSTURE_REQUEST_READ; any other POST is sent once, but for a 429), one new token and
 * retry on 401, JSON parsing with a bounded depth, and the error mapping. @body may be NULL. */
/* Whether answers are parsed the quick way when they allow it (the default), or always
 * by json-glib: for the tests that compare both over whole reads. Process-wide. */
void      _posture_tenant_client_set_parse_quick (gboolean enabled);

void      _posture_tenant_client_request_async  (PostureTenantClient  *self,
                                                 const char           *method,
                                                 const char           *uri,
                                                 JsonNode             *body,
                                                 PostureRequestFlags   flags,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* Told a list page's next page as soon as its text is in, before it is parsed. */
typedef void (*PostureRequestPeekFunc) (const char *next_link,
                                        gpointer    user_data);

/* A GET of a page of a list: as _posture_tenant_client_request_async(), and @peek is
 * called (at most once, before @callback) with the next page the answer's text names. */
void      _posture_tenant_client_request_page_async (PostureTenantClient    *self,
                                                     const char             *uri,
                                                     PostureRequestFlags     flags,
                                                     PostureRequestPeekFunc  peek,
                                                     gpointer                peek_data,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);

/* @out_node: the parsed answer, NULL when it was empty (204) or allowed 404.
 * @out_status: the HTTP status (0 when nothing came back). @out_code and
 * @out_message: the service's error code and message when there were some. All are
 * set on errors too. */
gboolean  _posture_tenant_client_request_finish (PostureTenantClient  *self,
                                                 GAsyncResult         *result,
                                                 JsonNode            **out_node,
                                                 guint                *out_status,
                                                 char                **out_code,
                                                 char                **out_message,
                                                 GError              **error);

/* The $select columns a Dataverse did not know and the request left out (it answered
 * 400 naming one; the request was sent again without it), or NULL. Every GET to
 * Dataverse does this, so one unknown column never makes a whole row unknown. */
GStrv     _posture_tenant_client_request_dup_dropped (PostureTenantClient *self,
                                                      GAsyncResult        *result);

char     *_posture_tenant_client_bap_uri        (PostureTenantClient  *self,
                                                 const char           *path);
/* The snapshot's Dataverse request URL for an instanceUrl. */
char     *_posture_tenant_client_dataverse_uri  (const char           *instance_url,
                                                 const char           *select);

G_END_DECLS
