/* posture-token-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include "posture-token-store.h"

G_DEFINE_BOXED_TYPE (PostureCredentialInfo, posture_credential_info,
                     posture_credential_info_copy, posture_credential_info_free)

G_DEFINE_INTERFACE (PostureTokenStore, posture_token_store, G_TYPE_OBJECT)

static void
posture_token_store_default_init (PostureTokenStoreInterface *iface)
{
}

PostureCredentialInfo *
posture_credential_info_copy (const PostureCredentialInfo *info)
{
  PostureCredentialInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (PostureCredentialInfo, 1);
  copy->kind = info->kind;
  copy->tenant = g_strdup (info->tenant);
  copy->client_id = g_strdup (info->client_id);
  copy->cloud_key = g_strdup (info->cloud_key);
  return copy;
}

void
posture_credential_info_free (PostureCredentialInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->tenant);
  g_free (info->client_id);
  g_free (info->cloud_key);
  g_free (info);
}

void
posture_token_store_store_async (PostureTokenStore           *self,
                                 const PostureCredentialInfo *info,
                                 const char                  *secret,
                                 GCancellable                *cancellable,
                                 GAsyncReadyCallback          callback,
                                 gpointer                     user_data)
{
  g_return_if_fail (POSTURE_IS_TOKEN_STORE (self));
  g_return_if_fail (info != NULL && info->tenant != NULL && info->client_id != NULL &&
                    info->cloud_key != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  POSTURE_TOKEN_STORE_GET_IFACE (self)->store_async (self, info, secret, cancellable,
                                                     callback, user_data);
}

gboolean
posture_token_store_store_finish (PostureTokenStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (POSTURE_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return POSTURE_TOKEN_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
posture_token_store_lookup_async (PostureTokenStore   *self,
                                  PostureSecretKind    kind,
                                  const char          *tenant,
                                  const char          *client_id,
                                  const char          *cloud_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_TOKEN_STORE (self));
  g_return_if_fail (tenant != NULL && cloud_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  POSTURE_TOKEN_STORE_GET_IFACE (self)->lookup_async (self, kind, tenant, client_id, cloud_key,
                                                      cancellable, callback, user_data);
}

PostureSecret *
posture_token_store_lookup_finish (PostureTokenStore  *self,
                                   GAsyncResult       *result,
                                   char              **out_client_id,
                                   GError            **error)
{
  g_return_val_if_fail (POSTURE_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return POSTURE_TOKEN_STORE_GET_IFACE (self)->lookup_finish (self, result, out_client_id, error);
}

void
posture_token_store_clear_async (PostureTokenStore   *self,
                                 const char          *tenant,
                                 const char          *client_id,
                                 const char          *cloud_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_TOKEN_STORE (self));
  g_return_if_fail (tenant != NULL && cloud_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  POSTURE_TOKEN_STORE_GET_IFACE (self)->clear_async (self, tenant, client_id, cloud_key,
                                                     cancellable, callback, user_data);
}

guint
posture_token_store_clear_finish (PostureTokenStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (POSTURE_IS_TOKEN_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return POSTURE_TOKEN_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

void
posture_token_store_list_async (PostureTokenStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  POSTURE_TOKEN_STORE_GET_IFACE (self)->list_async (self, cancellable, callback, user_data);
}

GPtrArray *
posture_token_store_list_finish (PostureTokenStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (POSTURE_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return POSTURE_TOKEN_STORE_GET_IFACE (self)->list_finish (self, result, error);
}
