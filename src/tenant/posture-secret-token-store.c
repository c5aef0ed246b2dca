/* posture-secret-token-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "posture-secret-token-store.h"
#include "posture-tenant-error.h"
#include "posture-token-store-private.h"

#define POSTURE_SECRET_FORMAT_VERSION "1"

struct _PostureSecretTokenStore
{
  GObject parent_instance;
};

static void token_store_iface_init (PostureTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureSecretTokenStore, posture_secret_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (POSTURE_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

/* The schema names are stored as xdg:schema and classify the items in Seahorse:
 * never change them casually. Attribute values are not encrypted: no secret in them. */
static const SecretSchema refresh_token_schema = {
  .name = "io.github.posture.Posture.RefreshToken",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "tenant-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "cloud",     SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "version",   SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { NULL, 0 },
  },
};

static const SecretSchema client_secret_schema = {
  .name = "io.github.posture.Posture.ClientSecret",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "tenant-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "cloud",     SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "version",   SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { NULL, 0 },
  },
};

static const SecretSchema *
schema_for_kind (PostureSecretKind kind)
{
  return kind == POSTURE_SECRET_KIND_CLIENT_SECRET ? &client_secret_schema : &refresh_token_schema;
}

static GHashTable *
make_attributes (const char *tenant,
                 const char *client_id,
                 const char *cloud_key)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "tenant-id", (gpointer) tenant);
  g_hash_table_insert (attributes, (gpointer) "cloud", (gpointer) cloud_key);
  g_hash_table_insert (attributes, (gpointer) "version", (gpointer) POSTURE_SECRET_FORMAT_VERSION);
  if (client_id != NULL)
    g_hash_table_insert (attributes, (gpointer) "client-id", (gpointer) client_id);
  return attributes;
}

/* Every libsecret failure but cancellation means the keyring cannot be used. The
 * underlying message names D-Bus or the keyring, never a secret. */
static GError *
map_error (GError *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("Secret Service error: %s", error->message);
  mapped = g_error_new (POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE,
                        "The Secret Service (GNOME Keyring) is not available or is locked (%s). "
                        "Start and unlock the keyring, or use POSTURE_CLIENT_ID and "
                        "POSTURE_CLIENT_SECRET; Posture never stores credentials in a plain file",
                        error->message);
  g_error_free (error);
  return mapped;
}

/* store */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, map_error (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
secret_store_async (PostureTokenStore           *store,
                    const PostureCredentialInfo *info,
                    const char                  *secret,
                    GCancellable                *cancellable,
                    GAsyncReadyCallback          callback,
                    gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, secret_store_async);

  attributes = make_attributes (info->tenant, info->client_id, info->cloud_key);
  if (info->kind == POSTURE_SECRET_KIND_CLIENT_SECRET)
    label = g_strdup_printf (_("Posture client secret for tenant %s"), info->tenant);
  else
    label = g_strdup_printf (_("Posture sign-in for tenant %s"), info->tenant);

  secret_password_storev (schema_for_kind (info->kind), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, cancellable, store_cb, g_steal_pointer (&task));
}

static gboolean
secret_store_finish (PostureTokenStore  *store,
                     GAsyncResult       *result,
                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secret_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* lookup: search (to learn the client id), then retrieve the secret */

typedef struct
{
  char *secret;
  char *client_id;
  char *tenant;
} LookupData;

static void
lookup_data_free (gpointer data)
{
  LookupData *d = data;

  posture_secret_free (d->secret);
  g_free (d->client_id);
  g_free (d->tenant);
  g_free (d);
}

static void
retrieve_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  SecretValue *value;
  GError *error = NULL;
  const char *text;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (value == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, map_error (error));
      else
        g_task_return_new_error (task, POSTURE_TOKEN_STORE_ERROR,
                                 POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE,
                                 "The keyring item for tenant %s has no readable secret; "
                                 "is the keyring locked?", data->tenant);
      return;
    }

  text = secret_value_get_text (value);
  if (text == NULL || text[0] == '\0')
    {
      secret_value_unref (value);
      g_task_return_new_error (task, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,
                               "The keyring item for tenant %s is empty", data->tenant);
      return;
    }

  /* Copy out of libsecret's non-pageable memory; SecretValue wipes its own copy. */
  data->secret = g_strdup (text);
  secret_value_unref (value);
  g_task_return_boolean (task, TRUE);
}

static gint
compare_retrievable_client_id (gconstpointer a,
                               gconstpointer b)
{
  g_autoptr(GHashTable) aa = secret_retrievable_get_attributes (SECRET_RETRIEVABLE ((gpointer) a));
  g_autoptr(GHashTable) ab = secret_retrievable_get_attributes (SECRET_RETRIEVABLE ((gpointer) b));

  return g_strcmp0 (g_hash_table_lookup (aa, "client-id"), g_hash_table_lookup (ab, "client-id"));
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;
  GList *items;
  SecretRetrievable *item;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_task_return_error (task, map_error (error));
      return;
    }

  if (items == NULL)
    {
      g_task_return_new_error (task, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,
                               "No credentials are stored in the keyring for tenant %s",
                               data->tenant);
      return;
    }

  items = g_list_sort (items, compare_retrievable_client_id);
  item = items->data;
  attributes = secret_retrievable_get_attributes (item);
  data->client_id = g_strdup (g_hash_table_lookup (attributes, "client-id"));
  secret_retrievable_retrieve_secret (item, g_task_get_cancellable (task), retrieve_cb,
                                      g_object_ref (task));
  g_list_free_full (items, g_object_unref);
}

static void
secret_lookup_async (PostureTokenStore   *store,
                     PostureSecretKind    kind,
                     const char          *tenant,
                     const char          *client_id,
                     const char          *cloud_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  LookupData *data;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, secret_lookup_async);
  data = g_new0 (LookupData, 1);
  data->tenant = g_strdup (tenant);
  g_task_set_task_data (task, data, lookup_data_free);

  attributes = make_attributes (tenant, client_id, cloud_key);
  secret_password_searchv (schema_for_kind (kind), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                           cancellable, search_cb, g_steal_pointer (&task));
}

static char *
secret_lookup_finish (PostureTokenStore  *store,
                      GAsyncResult       *result,
                      char              **out_client_id,
                      GError            **error)
{
  LookupData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secret_lookup_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (out_client_id != NULL)
    *out_client_id = g_strdup (data->client_id);
  return g_steal_pointer (&data->secret);
}

/* clear: both schemas, one after the other */

typedef struct
{
  GHashTable *attributes;
  char       *tenant;
  char       *client_id;
  char       *cloud_key;
  guint       next_kind;
  guint       removed;
} ClearData;

static void
clear_data_free (gpointer data)
{
  ClearData *d = data;

  g_clear_pointer (&d->attributes, g_hash_table_unref);
  g_free (d->tenant);
  g_free (d->client_id);
  g_free (d->cloud_key);
  g_free (d);
}

static void clear_next (GTask *task);

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClearData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (secret_password_clear_finish (result, &error))
    data->removed++;
  else if (error != NULL)
    {
      g_task_return_error (task, map_error (error));
      return;
    }

  clear_next (g_steal_pointer (&task));
}

static void
clear_next (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  ClearData *data = g_task_get_task_data (task);
  PostureSecretKind kind;

  if (data->next_kind > POSTURE_SECRET_KIND_CLIENT_SECRET)
    {
      g_task_return_int (task, data->removed);
      return;
    }

  kind = data->next_kind++;
  secret_password_clearv (schema_for_kind (kind), data->attributes,
                          g_task_get_cancellable (task), clear_cb, g_object_ref (task));
}

static void
secret_clear_async (PostureTokenStore   *store,
                    const char          *tenant,
                    const char          *client_id,
                    const char          *cloud_key,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ClearData *data;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, secret_clear_async);
  data = g_new0 (ClearData, 1);
  data->tenant = g_strdup (tenant);
  data->client_id = g_strdup (client_id);
  data->cloud_key = g_strdup (cloud_key);
  data->attributes = make_attributes (data->tenant, data->client_id, data->cloud_key);
  g_task_set_task_data (task, data, clear_data_free);

  clear_next (g_steal_pointer (&task));
}

static guint
secret_clear_finish (PostureTokenStore  *store,
                     GAsyncResult       *result,
                     GError            **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, store), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secret_clear_async, 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}

/* list: search both schemas for every item, attributes only */

typedef struct
{
  GPtrArray *list;
  guint      next_kind;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *d = data;

  g_clear_pointer (&d->list, g_ptr_array_unref);
  g_free (d);
}

static void list_next (GTask *task);

static void
list_search_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_task_return_error (task, map_error (error));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      PostureCredentialInfo *info = g_new0 (PostureCredentialInfo, 1);

      info->kind = data->next_kind - 1;
      info->tenant = g_strdup (g_hash_table_lookup (attributes, "tenant-id"));
      info->client_id = g_strdup (g_hash_table_lookup (attributes, "client-id"));
      info->cloud_key = g_strdup (g_hash_table_lookup (attributes, "cloud"));
      if (info->tenant == NULL || info->client_id == NULL || info->cloud_key == NULL)
        posture_credential_info_free (info);
      else
        g_ptr_array_add (data->list, info);
    }
  g_list_free_full (items, g_object_unref);

  list_next (g_steal_pointer (&task));
}

static void
list_next (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  g_autoptr(GHashTable) attributes = NULL;
  ListData *data = g_task_get_task_data (task);
  PostureSecretKind kind;

  if (data->next_kind > POSTURE_SECRET_KIND_CLIENT_SECRET)
    {
      g_ptr_array_sort (data->list, _posture_credential_info_compare);
      g_task_return_pointer (task, g_steal_pointer (&data->list),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  kind = data->next_kind++;
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  secret_password_searchv (schema_for_kind (kind), attributes, SECRET_SEARCH_ALL,
                           g_task_get_cancellable (task), list_search_cb,
                           g_object_ref (task));
}

static void
secret_list_async (PostureTokenStore   *store,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, secret_list_async);
  data = g_new0 (ListData, 1);
  data->list = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_credential_info_free);
  g_task_set_task_data (task, data, list_data_free);

  list_next (g_steal_pointer (&task));
}

static GPtrArray *
secret_list_finish (PostureTokenStore  *store,
                    GAsyncResult       *result,
                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secret_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_store_iface_init (PostureTokenStoreInterface *iface)
{
  iface->store_async = secret_store_async;
  iface->store_finish = secret_store_finish;
  iface->lookup_async = secret_lookup_async;
  iface->lookup_finish = secret_lookup_finish;
  iface->clear_async = secret_clear_async;
  iface->clear_finish = secret_clear_finish;
  iface->list_async = secret_list_async;
  iface->list_finish = secret_list_finish;
}

static void
posture_secret_token_store_class_init (PostureSecretTokenStoreClass *klass)
{
}

static void
posture_secret_token_store_init (PostureSecretTokenStore *self)
{
}

PostureTokenStore *
posture_secret_token_store_new (void)
{
  return g_object_new (POSTURE_TYPE_SECRET_TOKEN_STORE, NULL);
}
