/* posture-token-store.h: where refresh tokens and client secrets are kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-tenant-types.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_SECRET_KIND_REFRESH_TOKEN,  /* from a device-code sign-in */
  POSTURE_SECRET_KIND_CLIENT_SECRET,  /* an app registration's secret (client credentials) */
} PostureSecretKind;

/* One stored credential, without its secret: what posture_token_store_list_finish()
 * returns for the tenant list. All strings are owned by the struct. */
typedef struct
{
  PostureSecretKind  kind;
  char              *tenant;     /* as the user typed it: GUID or domain */
  char              *client_id;
  char              *cloud_key;  /* posture_endpoints_get_key(): cloud name or custom base URL */
} PostureCredentialInfo;

#define POSTURE_TYPE_CREDENTIAL_INFO (posture_credential_info_get_type ())

GType                  posture_credential_info_get_type (void) G_GNUC_CONST;
PostureCredentialInfo *posture_credential_info_copy     (const PostureCredentialInfo *info);
void                   posture_credential_info_free     (PostureCredentialInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureCredentialInfo, posture_credential_info_free)

#define POSTURE_TYPE_TOKEN_STORE (posture_token_store_get_type ())

G_DECLARE_INTERFACE (PostureTokenStore, posture_token_store, POSTURE, TOKEN_STORE, GObject)

/* Implementations: PostureSecretTokenStore (libsecret, the real one) and
 * PostureMemoryTokenStore (tests). Every call is asynchronous. A credential is
 * identified by (kind, tenant, client id, cloud key); storing again replaces it. */
struct _PostureTokenStoreInterface
{
  GTypeInterface parent_iface;

  void       (*store_async)   (PostureTokenStore           *self,
                               const PostureCredentialInfo *info,
                               const char                  *secret,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data);
  gboolean   (*store_finish)  (PostureTokenStore           *self,
                               GAsyncResult                *result,
                               GError                     **error);
  void       (*lookup_async)  (PostureTokenStore           *self,
                               PostureSecretKind            kind,
                               const char                  *tenant,
                               const char                  *client_id,
                               const char                  *cloud_key,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data);
  char      *(*lookup_finish) (PostureTokenStore           *self,
                               GAsyncResult                *result,
                               char                       **out_client_id,
                               GError                     **error);
  void       (*clear_async)   (PostureTokenStore           *self,
                               const char                  *tenant,
                               const char                  *client_id,
                               const char                  *cloud_key,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data);
  guint      (*clear_finish)  (PostureTokenStore           *self,
                               GAsyncResult                *result,
                               GError                     **error);
  void       (*list_async)    (PostureTokenStore           *self,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data);
  GPtrArray *(*list_finish)   (PostureTokenStore           *self,
                               GAsyncResult                *result,
                               GError                     **error);
};

/* Stores @secret for @info (all fields required). */
void       posture_token_store_store_async   (PostureTokenStore           *self,
                                              const PostureCredentialInfo *info,
                                              const char                  *secret,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
gboolean   posture_token_store_store_finish  (PostureTokenStore           *self,
                                              GAsyncResult                *result,
                                              GError                     **error);
/* @client_id may be NULL: any client id stored for that tenant and cloud. */
void       posture_token_store_lookup_async  (PostureTokenStore           *self,
                                              PostureSecretKind            kind,
                                              const char                  *tenant,
                                              const char                  *client_id,
                                              const char                  *cloud_key,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
/* Returns: (transfer full): the secret, to free with posture_secret_free(); or NULL
 * with POSTURE_TOKEN_STORE_ERROR_NOT_FOUND / _UNAVAILABLE. @out_client_id receives
 * the client id of the item found. */
PostureSecret *posture_token_store_lookup_finish (PostureTokenStore       *self,
                                              GAsyncResult                *result,
                                              char                       **out_client_id,
                                              GError                     **error);
/* Removes both kinds for the tenant and cloud (@client_id NULL: any client id).
 * Finishes with the number of items removed (0 is not an error). */
void       posture_token_store_clear_async   (PostureTokenStore           *self,
                                              const char                  *tenant,
                                              const char                  *client_id,
                                              const char                  *cloud_key,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
guint      posture_token_store_clear_finish  (PostureTokenStore           *self,
                                              GAsyncResult                *result,
                                              GError                     **error);
/* Every stored credential, sorted by tenant, cloud key, client id, kind.
 * Returns: (transfer full) (element-type PostureCredentialInfo). */
void       posture_token_store_list_async    (PostureTokenStore           *self,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data);
GPtrArray *posture_token_store_list_finish   (PostureTokenStore           *self,
                                              GAsyncResult                *result,
                                              GError                     **error);

G_END_DECLS
