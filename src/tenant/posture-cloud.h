/* posture-cloud.h: the clouds Posture signs in to, their hosts and the host rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-tenant-types.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_CLOUD_PUBLIC,
  POSTURE_CLOUD_GCC,
  POSTURE_CLOUD_GCC_HIGH,
  POSTURE_CLOUD_DOD,
  POSTURE_CLOUD_CHINA,
  POSTURE_CLOUD_CUSTOM,    /* every service under one base URL (demo tenant, tests) */
} PostureCloud;

/* Which service a URL belongs to; decides the token scope. */
typedef enum
{
  POSTURE_SERVICE_LOGIN,
  POSTURE_SERVICE_BAP,
  POSTURE_SERVICE_GRAPH,
  POSTURE_SERVICE_DATAVERSE,
} PostureService;

#define POSTURE_TYPE_ENDPOINTS (posture_endpoints_get_type ())

GType             posture_endpoints_get_type      (void) G_GNUC_CONST;

/* @cloud_name: "public", "gcc", "gcc-high", "dod", "china" (NULL = "public"), or
 * "custom" (then @api_base is required). A non-NULL @api_base always selects the
 * custom cloud. @api_base must be an absolute https:// URL, or http:// to a loopback
 * address, with no path, query or user info; a trailing slash is dropped. */
PostureEndpoints *posture_endpoints_new           (const char        *cloud_name,
                                                   const char        *api_base,
                                                   GError           **error);
PostureEndpoints *posture_endpoints_new_for_cloud (PostureCloud       cloud);
PostureEndpoints *posture_endpoints_ref           (PostureEndpoints  *self);
void              posture_endpoints_unref         (PostureEndpoints  *self);

PostureCloud      posture_endpoints_get_cloud     (PostureEndpoints  *self);
/* "public", "gcc", "gcc-high", "dod", "china" or "custom": the snapshot's "cloud". */
const char       *posture_endpoints_get_cloud_name (PostureEndpoints *self);
/* The key credentials are stored under: the cloud name, or the custom base URL. */
const char       *posture_endpoints_get_key       (PostureEndpoints  *self);
/* Base URLs without a trailing slash: "https://login.microsoftonline.com", … */
const char       *posture_endpoints_get_login     (PostureEndpoints  *self);
const char       *posture_endpoints_get_bap       (PostureEndpoints  *self);
const char       *posture_endpoints_get_graph     (PostureEndpoints  *self);
/* "https://service.powerapps.com/.default", "https://graph.microsoft.com/.default". */
const char       *posture_endpoints_get_bap_scope   (PostureEndpoints *self);
const char       *posture_endpoints_get_graph_scope (PostureEndpoints *self);

/* The host rules of DESIGN.md: TRUE when @uri may receive a request (and a bearer
 * token) in this cloud; sets @out_service. Otherwise FALSE with
 * POSTURE_CLIENT_ERROR_REFUSED_HOST naming the URL's origin. http:// passes only
 * for loopback hosts (127.0.0.0/8, ::1, localhost). */
gboolean          posture_endpoints_check_uri     (PostureEndpoints  *self,
                                                   const char        *uri,
                                                   PostureService    *out_service,
                                                   GError           **error);
/* The `.default` scope of the resource @uri belongs to (it must pass the host
 * rules): BAP, Graph, or "{instance origin}/.default" for Dataverse. */
char             *posture_endpoints_dup_scope_for_uri (PostureEndpoints *self,
                                                       const char       *uri,
                                                       GError          **error);
/* The same, with the service as posture_endpoints_check_uri() sets it, in one parse. */
char             *posture_endpoints_dup_scope_and_service (PostureEndpoints *self,
                                                           const char       *uri,
                                                           PostureService   *out_service,
                                                           GError          **error);

/* A redirect is a new URL: TRUE when @to passes the host rules and belongs to the
 * same resource as @from (the same token audience; for Dataverse the same instance),
 * so the request may be repeated there with the same bearer token. Otherwise FALSE
 * with POSTURE_CLIENT_ERROR_REFUSED_HOST: nothing is sent to @to. */
gboolean          posture_endpoints_check_redirect (PostureEndpoints *self,
                                                    const char       *from,
                                                    const char       *to,
                                                    GError          **error);

gboolean          posture_uri_is_loopback_host    (const char        *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureEndpoints, posture_endpoints_unref)

G_END_DECLS
