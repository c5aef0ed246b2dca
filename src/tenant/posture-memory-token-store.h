/* posture-memory-token-store.h: a token store in process memory, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-token-store.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_MEMORY_TOKEN_STORE (posture_memory_token_store_get_type ())

G_DECLARE_FINAL_TYPE (PostureMemoryTokenStore, posture_memory_token_store,
                      POSTURE, MEMORY_TOKEN_STORE, GObject)

/* Secrets are wiped when replaced, cleared or finalized. */
PostureTokenStore *posture_memory_token_store_new          (void);
/* Tests: make every call fail with POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE. */
void               posture_memory_token_store_set_available (PostureMemoryTokenStore *self,
                                                            gboolean                 available);
guint              posture_memory_token_store_get_n_items   (PostureMemoryTokenStore *self);

G_END_DECLS
