/* posture-ip-range.c: the IP firewall's allow-list rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-ip-range"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-ip-range.h"
#include "posture-text.h"

/* Longest entry looked at: an IPv6 address with an embedded quad and a prefix. */
#define MAX_ENTRY 64

/* Strict dotted quad: four decimal parts of 1 to 3 digits, 0 to 255, no leading zero
 * (which some parsers read as octal, and inet_pton refuses). */
static gboolean
parse_ipv4 (const char *text)
{
  const char *p = text;

  for (guint part = 0; part < 4; part++)
    {
      guint value = 0;
      guint digits = 0;

      if (part > 0)
        {
          if (*p != '.')
            return FALSE;
          p++;
        }

      while (g_ascii_isdigit (*p) && digits < 4)
        {
          value = value * 10 + (guint) (*p - '0');
          digits++;
          p++;
        }

      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && *(p - digits) == '0'))
        return FALSE;
    }

  return *p == '\0';
}

static gboolean
parse_ipv6 (const char *text)
{
  struct in6_addr addr;

  /* Hex digits, colons and an embedded dotted quad only: no zone ("%eth0"). */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) && *p != ':' && *p != '.')
      return FALSE;

  return strchr (text, ':') != NULL && inet_pton (AF_INET6, text, &addr) == 1;
}

static PostureIpRangeCheck
refuse (PostureIpRangeCheck   check,
        const char           *entry,
        guint                 bits,
        char                **problem)
{
  g_autofree char *shown = NULL;

  if (problem == NULL)
    return check;

  shown = posture_text_printable (entry, 60);
  if (check == POSTURE_IP_RANGE_TOO_WIDE)
    /* TRANSLATORS: %s is an allow-list entry such as 0.0.0.0/0; %u is 8 or 16 */
    *problem = g_strdup_printf (_("%s is wider than /%u: the firewall lets a large part of "
                                  "the internet in"), shown, bits);
  else if (bits > 0)
    /* TRANSLATORS: %s is an entry of the IP firewall's allow-list, %u 32 or 128 */
    *problem = g_strdup_printf (_("\"%s\" has no valid prefix (a number from 0 to %u "
                                  "after the slash)"), shown, bits);
  else
    /* TRANSLATORS: %s is an entry of the IP firewall's allow-list */
    *problem = g_strdup_printf (_("\"%s\" is not an IPv4 or IPv6 address or range"), shown);

  return check;
}

/**
 * posture_ip_range_check:
 * @entry: one entry of an allow-list, trimmed
 * @problem: (out) (optional) (transfer full): why it is refused, translated; %NULL when
 *   the entry is valid
 *
 * Returns: whether @entry is a valid IPv4 or IPv6 address with an optional `/prefix`
 *   within the family's length (host bits beyond the prefix tolerated), no wider than
 *   /8 (IPv4) or /16 (IPv6)
 */
PostureIpRangeCheck
posture_ip_range_check (const char  *entry,
                        char       **problem)
{
  g_autofree char *address = NULL;
  const char *slash;
  guint family_bits;
  guint widest;
  guint prefix = 0;

  g_return_val_if_fail (problem == NULL || *problem == NULL, POSTURE_IP_RANGE_INVALID);

  if (entry == NULL || entry[0] == '\0' || strlen (entry) > MAX_ENTRY)
    return refuse (POSTURE_IP_RANGE_INVALID, entry ? entry : "", 0, problem);

  slash = strchr (entry, '/');
  address = slash != NULL ? g_strndup (entry, slash - entry) : g_strdup (entry);

  if (parse_ipv4 (address))
    {
      family_bits = 32;
      widest = POSTURE_IP_RANGE_MIN_PREFIX_V4;
    }
  else if (parse_ipv6 (address))
    {
      family_bits = 128;
      widest = POSTURE_IP_RANGE_MIN_PREFIX_V6;
    }
  else
    return refuse (POSTURE_IP_RANGE_INVALID, entry, 0, problem);

  if (slash == NULL)
    return POSTURE_IP_RANGE_VALID;

  if (slash[1] == '\0' || strlen (slash + 1) > 3)
    return refuse (POSTURE_IP_RANGE_INVALID, entry, family_bits, problem);

  for (const char *p = slash + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return refuse (POSTURE_IP_RANGE_INVALID, entry, family_bits, problem);
      prefix = prefix * 10 + (guint) (*p - '0');
    }

  if (prefix > family_bits)
    return refuse (POSTURE_IP_RANGE_INVALID, entry, family_bits, problem);
  if (prefix < widest)
    return refuse (POSTURE_IP_RANGE_TOO_WIDE, entry, widest, problem);

  return POSTURE_IP_RANGE_VALID;
}
