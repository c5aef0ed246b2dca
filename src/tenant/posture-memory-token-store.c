/* posture-memory-token-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include "posture-memory-token-store.h"
#include "posture-tenant-error.h"
#include "posture-token-store-private.h"

typedef struct
{
  PostureCredentialInfo *info;
  char                  *secret;
} MemoryItem;

struct _PostureMemoryTokenStore
{
  GObject    parent_instance;

  GPtrArray *items;      /* of MemoryItem */
  gboolean   available;
};

static void token_store_iface_init (PostureTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureMemoryTokenStore, posture_memory_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (POSTURE_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

gint
_posture_credential_info_compare (gconstpointer a,
                                  gconstpointer b)
{
  const PostureCredentialInfo *ia = *(const PostureCredentialInfo * const *) a;
  const PostureCredentialInfo *ib = *(const PostureCredentialInfo * const *) b;
  int cmp;

  if ((cmp = g_strcmp0 (ia->tenant, ib->tenant)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (ia->cloud_key, ib->cloud_key)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (ia->client_id, ib->client_id)) != 0)
    return cmp;
  return (int) ia->kind - (int) ib->kind;
}

static void
memory_item_free (gpointer data)
{
  MemoryItem *item = data;

  posture_credential_info_free (item->info);
  posture_secret_free (item->secret);
  g_free (item);
}

static gboolean
item_matches (MemoryItem  *item,
              int          kind,
              const char  *tenant,
              const char  *client_id,
              const char  *cloud_key)
{
  return (kind < 0 || item->info->kind == (PostureSecretKind) kind) &&
         g_str_equal (item->info->tenant, tenant) &&
         g_str_equal (item->info->cloud_key, cloud_key) &&
         (client_id == NULL || g_str_equal (item->info->client_id, client_id));
}

static gboolean
check_available (PostureMemoryTokenStore  *self,
                 GError                  **error)
{
  if (self->available)
    return TRUE;

  g_set_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE,
               "The credential store is not available");
  return FALSE;
}

static void
memory_store_async (PostureTokenStore           *store,
                    const PostureCredentialInfo *info,
                    const char                  *secret,
                    GCancellable                *cancellable,
                    GAsyncReadyCallback          callback,
                    gpointer                     user_data)
{
  PostureMemoryTokenStore *self = POSTURE_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  MemoryItem *item;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, memory_store_async);

  if (!check_available (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      item = g_ptr_array_index (self->items, i);
      if (item_matches (item, info->kind, info->tenant, info->client_id, info->cloud_key))
        {
          posture_secret_free (item->secret);
          item->secret = g_strdup (secret);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  item = g_new0 (MemoryItem, 1);
  item->info = posture_credential_info_copy (info);
  item->secret = g_strdup (secret);
  g_ptr_array_add (self->items, item);
  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_store_finish (PostureTokenStore  *store,
                     GAsyncResult       *result,
                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == memory_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *secret;
  char *client_id;
} LookupResult;

static void
lookup_result_free (gpointer data)
{
  LookupResult *r = data;

  posture_secret_free (r->secret);
  g_free (r->client_id);
  g_free (r);
}

static void
memory_lookup_async (PostureTokenStore   *store,
                     PostureSecretKind    kind,
                     const char          *tenant,
                     const char          *client_id,
                     const char          *cloud_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  PostureMemoryTokenStore *self = POSTURE_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, memory_lookup_async);

  if (!check_available (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      MemoryItem *item = g_ptr_array_index (self->items, i);

      if (item_matches (item, kind, tenant, client_id, cloud_key))
        {
          LookupResult *r = g_new0 (LookupResult, 1);

          r->secret = g_strdup (item->secret);
          r->client_id = g_strdup (item->info->client_id);
          g_task_return_pointer (task, r, lookup_result_free);
          return;
        }
    }

  g_task_return_new_error (task, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,
                           "No credentials are stored for tenant %s", tenant);
}

static char *
memory_lookup_finish (PostureTokenStore  *store,
                      GAsyncResult       *result,
                      char              **out_client_id,
                      GError            **error)
{
  LookupResult *r;
  char *secret;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == memory_lookup_async, NULL);

  if (!(r = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  if (out_client_id != NULL)
    *out_client_id = g_steal_pointer (&r->client_id);
  secret = g_steal_pointer (&r->secret);
  lookup_result_free (r);
  return secret;
}

static void
memory_clear_async (PostureTokenStore   *store,
                    const char          *tenant,
                    const char          *client_id,
                    const char          *cloud_key,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PostureMemoryTokenStore *self = POSTURE_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, memory_clear_async);

  if (!check_available (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = self->items->len; i > 0; i--)
    {
      if (item_matches (g_ptr_array_index (self->items, i - 1), -1, tenant, client_id, cloud_key))
        {
          g_ptr_array_remove_index (self->items, i - 1);
          removed++;
        }
    }

  g_task_return_int (task, removed);
}

static guint
memory_clear_finish (PostureTokenStore  *store,
                     GAsyncResult       *result,
                     GError            **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, store), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == memory_clear_async, 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}

static void
memory_list_async (PostureTokenStore   *store,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  PostureMemoryTokenStore *self = POSTURE_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, memory_list_async);

  if (!check_available (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_credential_info_free);
  for (guint i = 0; i < self->items->len; i++)
    {
      MemoryItem *item = g_ptr_array_index (self->items, i);

      g_ptr_array_add (list, posture_credential_info_copy (item->info));
    }
  g_ptr_array_sort (list, _posture_credential_info_compare);
  g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
memory_list_finish (PostureTokenStore  *store,
                    GAsyncResult       *result,
                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == memory_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_store_iface_init (PostureTokenStoreInterface *iface)
{
  iface->store_async = memory_store_async;
  iface->store_finish = memory_store_finish;
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->clear_async = memory_clear_async;
  iface->clear_finish = memory_clear_finish;
  iface->list_async = memory_list_async;
  iface->list_finish = memory_list_finish;
}

static void
posture_memory_token_store_finalize (GObject *object)
{
  PostureMemoryTokenStore *self = (PostureMemoryTokenStore *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_memory_token_store_parent_class)->finalize (object);
}

static void
posture_memory_token_store_class_init (PostureMemoryTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = posture_memory_token_store_finalize;
}

static void
posture_memory_token_store_init (PostureMemoryTokenStore *self)
{
  self->items = g_ptr_array_new_with_free_func (memory_item_free);
  self->available = TRUE;
}

PostureTokenStore *
posture_memory_token_store_new (void)
{
  return g_object_new (POSTURE_TYPE_MEMORY_TOKEN_STORE, NULL);
}

void
posture_memory_token_store_set_available (PostureMemoryTokenStore *self,
                                          gboolean                 available)
{
  g_return_if_fail (POSTURE_IS_MEMORY_TOKEN_STORE (self));
  self->available = !!available;
}

guint
posture_memory_token_store_get_n_items (PostureMemoryTokenStore *self)
{
  g_return_val_if_fail (POSTURE_IS_MEMORY_TOKEN_STORE (self), 0);
  return self->items->len;
}
