/* posture-cloud.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "posture-cloud.h"
#include "posture-tenant-error.h"

struct _PostureEndpoints
{
  gatomicrefcount  ref_count;
  PostureCloud     cloud;
  char            *key;
  char            *login;
  char            *bap;
  char            *graph;
  char            *bap_scope;
  char            *graph_scope;
  /* custom cloud: the one origin, as scheme, lower-case host and port */
  char            *custom_scheme;
  char            *custom_host;
  int              custom_port;
};

typedef struct
{
  const char *name;
  const char *login_host;
  const char *bap_host;
  const char *graph_host;
  const char *bap_scope;
  /* Dataverse instances are sub-domains of these (TF constants, Microsoft Learn). */
  const char *dataverse_suffixes[3];
} PostureCloudInfo;

/* Login and BAP hosts after microsoft/terraform-provider-power-platform
 * internal/constants; BAP token audiences as Microsoft's PowerApps admin module and
 * the pac CLI use them (DESIGN.md "Token scopes"; the provider's GCC and GCC High
 * scopes differ and are not followed); Graph hosts after Microsoft Graph's national
 * cloud deployments; Dataverse domains after the Dataverse global discovery service
 * of each cloud (crm9 GCC, crm.microsoftdynamics.us GCC High, crm.appsplatform.us DoD,
 * crm.dynamics.cn China). A regional BAP host (europe.api.bap.microsoft.com) is a
 * sub-domain of the cloud's BAP host and the same service. */
static const PostureCloudInfo clouds[] = {
  [POSTURE_CLOUD_PUBLIC] = {
    "public", "login.microsoftonline.com", "api.bap.microsoft.com", "graph.microsoft.com",
    "https://service.powerapps.com/.default", { ".dynamics.com", NULL } },
  [POSTURE_CLOUD_GCC] = {
    "gcc", "login.microsoftonline.com", "gov.api.bap.microsoft.us", "graph.microsoft.com",
    "https://gov.service.powerapps.us/.default", { ".crm9.dynamics.com", NULL } },
  [POSTURE_CLOUD_GCC_HIGH] = {
    "gcc-high", "login.microsoftonline.us", "high.api.bap.microsoft.us", "graph.microsoft.us",
    "https://high.service.powerapps.us/.default", { ".crm.microsoftdynamics.us", NULL } },
  [POSTURE_CLOUD_DOD] = {
    "dod", "login.microsoftonline.us", "api.bap.appsplatform.us", "dod-graph.microsoft.us",
    "https://service.apps.appsplatform.us/.default", { ".crm.appsplatform.us", NULL } },
  [POSTURE_CLOUD_CHINA] = {
    "china", "login.chinacloudapi.cn", "api.bap.partner.microsoftonline.cn",
    "microsoftgraph.chinacloudapi.cn", "https://service.powerapps.cn/.default",
    { ".crm.dynamics.cn", NULL } },
  [POSTURE_CLOUD_CUSTOM] = { "custom", NULL, NULL, NULL, NULL, { NULL } },
};

G_DEFINE_BOXED_TYPE (PostureEndpoints, posture_endpoints,
                     posture_endpoints_ref, posture_endpoints_unref)

gboolean
posture_uri_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  /* The usual spellings first: this is asked for every request to a loopback tenant. */
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "127.0.0.1") ||
      g_str_equal (host, "[::1]") || g_str_equal (host, "::1"))
    return TRUE;

  /* GUri keeps IPv6 literals bracketed in some paths; accept both forms. */
  len = strlen (host);
  if (host[0] == '[' && len > 2 && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
host_has_suffix (const char *host,
                 const char *suffix)
{
  gsize hl = strlen (host);
  gsize sl = strlen (suffix);

  /* The suffix starts with a dot, so "evildynamics.com" never matches ".dynamics.com". */
  return hl > sl && g_ascii_strcasecmp (host + hl - sl, suffix) == 0;
}

/* "europe.api.bap.microsoft.com" under "api.bap.microsoft.com"; never a look-alike. */
static gboolean
host_is_subdomain (const char *host,
                   const char *parent)
{
  gsize hl = strlen (host);
  gsize pl = strlen (parent);

  return hl > pl + 1 && host[hl - pl - 1] == '.' &&
         g_ascii_strcasecmp (host + hl - pl, parent) == 0;
}

static PostureEndpoints *
endpoints_alloc (PostureCloud cloud)
{
  PostureEndpoints *self = g_new0 (PostureEndpoints, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->cloud = cloud;
  self->custom_port = -1;
  return self;
}

PostureEndpoints *
posture_endpoints_new_for_cloud (PostureCloud cloud)
{
  const PostureCloudInfo *info;
  PostureEndpoints *self;

  g_return_val_if_fail (cloud < POSTURE_CLOUD_CUSTOM, NULL);

  info = &clouds[cloud];
  self = endpoints_alloc (cloud);
  self->key = g_strdup (info->name);
  self->login = g_strconcat ("https://", info->login_host, NULL);
  self->bap = g_strconcat ("https://", info->bap_host, NULL);
  self->graph = g_strconcat ("https://", info->graph_host, NULL);
  self->bap_scope = g_strdup (info->bap_scope);
  self->graph_scope = g_strconcat ("https://", info->graph_host, "/.default", NULL);
  return self;
}

PostureEndpoints *
posture_endpoints_new (const char  *cloud_name,
                       const char  *api_base,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *origin = NULL;
  PostureEndpoints *self;
  const char *scheme;
  const char *path;
  int port;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (api_base == NULL)
    {
      if (cloud_name == NULL)
        return posture_endpoints_new_for_cloud (POSTURE_CLOUD_PUBLIC);

      for (guint i = 0; i < POSTURE_CLOUD_CUSTOM; i++)
        {
          if (g_ascii_strcasecmp (cloud_name, clouds[i].name) == 0)
            return posture_endpoints_new_for_cloud (i);
        }

      if (g_ascii_strcasecmp (cloud_name, "custom") == 0)
        g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                     "The custom cloud needs a base URL (--api-base)");
      else
        g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                     "Unknown cloud \"%s\": use public, gcc, gcc-high, dod or china",
                     cloud_name);
      return NULL;
    }

  if (cloud_name != NULL && g_ascii_strcasecmp (cloud_name, "custom") != 0)
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                   "A base URL selects the custom cloud; it cannot be combined with cloud \"%s\"",
                   cloud_name);
      return NULL;
    }

  uri = g_uri_parse (api_base, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                   "The base URL is not a valid absolute URL: %s", local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  path = g_uri_get_path (uri);
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                   "The base URL must be an https:// URL with a host");
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL || (path[0] != '\0' && g_strcmp0 (path, "/") != 0))
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                   "The base URL must be an origin only (scheme, host and port), "
                   "without path, query or user name");
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (g_str_equal (scheme, "http") && !posture_uri_is_loopback_host (host))
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                   "Refusing plain http:// to %s: only loopback addresses may be used "
                   "without TLS; use https://", host);
      return NULL;
    }

  port = g_uri_get_port (uri);
  if (strchr (host, ':') != NULL)
    origin = port > 0 ? g_strdup_printf ("%s://[%s]:%d", scheme, host, port)
                      : g_strdup_printf ("%s://[%s]", scheme, host);
  else
    origin = port > 0 ? g_strdup_printf ("%s://%s:%d", scheme, host, port)
                      : g_strdup_printf ("%s://%s", scheme, host);

  self = endpoints_alloc (POSTURE_CLOUD_CUSTOM);
  self->key = g_strdup (origin);
  self->login = g_strdup (origin);
  self->bap = g_strdup (origin);
  self->graph = g_strdup (origin);
  self->bap_scope = g_strdup ("https://service.powerapps.com/.default");
  self->graph_scope = g_strdup ("https://graph.microsoft.com/.default");
  self->custom_scheme = g_strdup (scheme);
  self->custom_host = g_steal_pointer (&host);
  self->custom_port = port > 0 ? port : (g_str_equal (scheme, "https") ? 443 : 80);
  return self;
}

PostureEndpoints *
posture_endpoints_ref (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
posture_endpoints_unref (PostureEndpoints *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->key);
  g_free (self->login);
  g_free (self->bap);
  g_free (self->graph);
  g_free (self->bap_scope);
  g_free (self->graph_scope);
  g_free (self->custom_scheme);
  g_free (self->custom_host);
  g_free (self);
}

PostureCloud
posture_endpoints_get_cloud (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, POSTURE_CLOUD_PUBLIC);
  return self->cloud;
}

const char *
posture_endpoints_get_cloud_name (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return clouds[self->cloud].name;
}

const char *
posture_endpoints_get_key (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->key;
}

const char *
posture_endpoints_get_login (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->login;
}

const char *
posture_endpoints_get_bap (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bap;
}

const char *
posture_endpoints_get_graph (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->graph;
}

const char *
posture_endpoints_get_bap_scope (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bap_scope;
}

const char *
posture_endpoints_get_graph_scope (PostureEndpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->graph_scope;
}

static char *
describe_origin (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), port);
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

/* The host rules on a parsed @uri (NULL when @uri_string did not parse). */
static gboolean
check_parsed (PostureEndpoints  *self,
              GUri              *uri,
              const char        *uri_string,
              PostureService    *out_service,
              GError           **error)
{
  g_autofree char *host = NULL;
  g_autofree char *origin = NULL;
  const PostureCloudInfo *info;
  const char *scheme;
  const char *path;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_autofree char *shown = g_utf8_make_valid (uri_string, MIN (strlen (uri_string), 200));

      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                   "Refusing \"%s\": not an absolute URL with a host", shown);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  origin = describe_origin (uri);
  path = g_uri_get_path (uri);

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                   "Refusing a URL with user information at %s", origin);
      return FALSE;
    }

  if (g_strcmp0 (scheme, "http") == 0)
    {
      if (!posture_uri_is_loopback_host (host))
        {
          g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                       "Refusing plain http:// to %s: only loopback addresses may be "
                       "used without TLS", origin);
          return FALSE;
        }
    }
  else if (g_strcmp0 (scheme, "https") != 0)
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                   "Refusing %s: only https:// URLs are followed", origin);
      return FALSE;
    }

  if (self->cloud == POSTURE_CLOUD_CUSTOM)
    {
      int port = g_uri_get_port (uri);

      if (port <= 0)
        port = g_str_equal (scheme, "https") ? 443 : 80;

      if (!g_str_equal (scheme, self->custom_scheme) ||
          !g_str_equal (host, self->custom_host) || port != self->custom_port)
        {
          g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                       "Refusing %s: it is outside the tenant's base URL %s, so no "
                       "request and no token is sent there", origin, self->key);
          return FALSE;
        }

      if (out_service != NULL)
        {
          if (g_str_has_prefix (path, "/dataverse/"))
            *out_service = POSTURE_SERVICE_DATAVERSE;
          else if (g_str_has_prefix (path, "/v1.0/") || g_str_has_prefix (path, "/beta/"))
            *out_service = POSTURE_SERVICE_GRAPH;
          else if (strstr (path, "/oauth2/") != NULL)
            *out_service = POSTURE_SERVICE_LOGIN;
          else
            *out_service = POSTURE_SERVICE_BAP;
        }
      return TRUE;
    }

  /* A named cloud: https only, on the cloud's own hosts, on the default port. */
  info = &clouds[self->cloud];
  if (!g_str_equal (scheme, "https") ||
      (g_uri_get_port (uri) > 0 && g_uri_get_port (uri) != 443))
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                   "Refusing %s: %s cloud services are reached over https:// only",
                   origin, info->name);
      return FALSE;
    }

  if (g_str_equal (host, info->bap_host) || host_is_subdomain (host, info->bap_host))
    {
      if (out_service != NULL)
        *out_service = POSTURE_SERVICE_BAP;
      return TRUE;
    }
  if (g_str_equal (host, info->graph_host))
    {
      if (out_service != NULL)
        *out_service = POSTURE_SERVICE_GRAPH;
      return TRUE;
    }
  if (g_str_equal (host, info->login_host))
    {
      if (out_service != NULL)
        *out_service = POSTURE_SERVICE_LOGIN;
      return TRUE;
    }
  for (guint i = 0; info->dataverse_suffixes[i] != NULL; i++)
    {
      if (host_has_suffix (host, info->dataverse_suffixes[i]))
        {
          if (out_service != NULL)
            *out_service = POSTURE_SERVICE_DATAVERSE;
          return TRUE;
        }
    }

  g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
               "Refusing %s: it is not a host of the %s cloud, so no request and no "
               "token is sent there", origin, info->name);
  return FALSE;
}

gboolean
posture_endpoints_check_uri (PostureEndpoints  *self,
                             const char        *uri_string,
                             PostureService    *out_service,
                             GError           **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (uri_string != NULL, FALSE);

  uri = g_uri_parse (uri_string, G_URI_FLAGS_ENCODED, NULL);
  return check_parsed (self, uri, uri_string, out_service, error);
}

char *
posture_endpoints_dup_scope_for_uri (PostureEndpoints  *self,
                                     const char        *uri_string,
                                     GError           **error)
{
  return posture_endpoints_dup_scope_and_service (self, uri_string, NULL, error);
}

/* The scope of a @uri that passed the host rules as @service. */
static char *
dup_scope_parsed (PostureEndpoints  *self,
                  GUri              *uri,
                  PostureService     service,
                  GError           **error)
{
  switch (service)
    {
    case POSTURE_SERVICE_BAP:
      return g_strdup (self->bap_scope);

    case POSTURE_SERVICE_GRAPH:
      return g_strdup (self->graph_scope);

    case POSTURE_SERVICE_DATAVERSE:
      {
        g_autofree char *origin = NULL;
        g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);

        if (self->cloud == POSTURE_CLOUD_CUSTOM)
          return g_strconcat (self->key, "/.default", NULL);
        origin = g_strconcat ("https://", host, NULL);
        return g_strconcat (origin, "/.default", NULL);
      }

    case POSTURE_SERVICE_LOGIN:
    default:
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                   "The sign-in service takes no bearer token");
      return NULL;
    }
}

char *
posture_endpoints_dup_scope_and_service (PostureEndpoints  *self,
                                         const char        *uri_string,
                                         PostureService    *out_service,
                                         GError           **error)
{
  g_autoptr(GUri) uri = NULL;
  PostureService service;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (uri_string != NULL, NULL);

  uri = g_uri_parse (uri_string, G_URI_FLAGS_ENCODED, NULL);
  if (!check_parsed (self, uri, uri_string, &service, error))
    return NULL;
  if (out_service != NULL)
    *out_service = service;
  return dup_scope_parsed (self, uri, service, error);
}

gboolean
posture_endpoints_check_redirect (PostureEndpoints  *self,
                                  const char        *from,
                                  const char        *to,
                                  GError           **error)
{
  PostureService from_service;
  PostureService to_service;
  g_autoptr(GUri) from_uri = NULL;
  g_autoptr(GUri) to_uri = NULL;
  g_autofree char *from_scope = NULL;
  g_autofree char *to_scope = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  /* Each parsed once (a list's every page comes through here). */
  to_uri = g_uri_parse (to, G_URI_FLAGS_ENCODED, NULL);
  if (!check_parsed (self, to_uri, to, &to_service, error))
    return FALSE;
  from_uri = g_uri_parse (from, G_URI_FLAGS_ENCODED, NULL);
  if (!check_parsed (self, from_uri, from, &from_service, error))
    return FALSE;

  if (from_service == to_service && from_service == POSTURE_SERVICE_LOGIN)
    return TRUE;

  if (from_service == to_service)
    {
      from_scope = dup_scope_parsed (self, from_uri, from_service, NULL);
      to_scope = dup_scope_parsed (self, to_uri, to_service, NULL);
      if (from_scope != NULL && g_strcmp0 (from_scope, to_scope) == 0)
        return TRUE;
    }

  origin = describe_origin (to_uri);
  g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
               "Refusing %s: it belongs to another service than the request, so the "
               "request and its token are not sent there", origin);
  return FALSE;
}
