"""People who log in, and the role memberships that scope what each of them may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """Anyone who logs in: staff, students and guardians alike (OneRoster's ``users``)."""

    sourced_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True, help_text="OneRoster sourcedId, when imported."
    )
    preferred_language = models.CharField(max_length=8, choices=[("en", "English"), ("es", "Español")], default="en")

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", "District administrator"
    SCHOOL_LEADER = "school_leader", "School leader"
    TEACHER = "teacher", "Teacher"
    ADVISOR = "advisor", "Advisor / counselor"
    COACH = "coach", "Coach"
    LEADERSHIP_TEAM = "leadership_team", "School leadership team member"
    NETWORK_STAFF = "network_staff", "Network staff"
    STUDENT = "student", "Student"
    GUARDIAN = "guardian", "Guardian"


ROLES_SCOPED_TO_NETWORK = {Role.NETWORK_STAFF}
ROLES_SCOPED_TO_DISTRICT = {Role.DISTRICT_ADMIN}
ROLES_SCOPED_TO_SCHOOL = {Role.SCHOOL_LEADER, Role.TEACHER, Role.ADVISOR, Role.COACH, Role.LEADERSHIP_TEAM}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)


class Membership(models.Model):
    """One role a user holds, and the organisation it concerns.

    Network staff name a network (they see its schools' work, and student data only in aggregate); a district
    administrator's membership names a district; school leaders, teachers, advisors, coaches (a coach's
    membership of a school is the coach's assignment to it) and leadership team members name a school.
    Students and guardians are scoped by their own records (the student profile, the
    guardian links), so their membership names no organisation. A person may hold several memberships.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    network = models.ForeignKey(
        "roster.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    district = models.ForeignKey(
        "roster.District", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    school = models.ForeignKey(
        "roster.School", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role="network_staff", network__isnull=False, district__isnull=True, school__isnull=True)
                    | Q(role="district_admin", district__isnull=False, school__isnull=True, network__isnull=True)
                    | Q(
                        role__in=["school_leader", "teacher", "advisor", "coach", "leadership_team"],
                        school__isnull=False,
                        district__isnull=True,
                        network__isnull=True,
                    )
                    | Q(
                        role__in=["student", "guardian"],
                        district__isnull=True,
                        school__isnull=True,
                        network__isnull=True,
                    )
                ),
                violation_error_message=(
                    "Network staff need a network; a district administrator needs a district; school leaders, "
                    "teachers, advisors, coaches and leadership team members need a school; students and "
                    "guardians take none."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=Q(district__isnull=False),
                name="membership_unique_district",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "network"],
                condition=Q(network__isnull=False),
                name="membership_unique_network",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(district__isnull=True, school__isnull=True, network__isnull=True),
                name="membership_unique_unscoped",
            ),
        ]

    def __str__(self) -> str:
        scope = self.school or self.district or self.network
        return f"{self.user} — {self.get_role_display()}" + (f" at {scope}" if scope else "")

    def clean(self) -> None:
        if self.role in ROLES_SCOPED_TO_NETWORK and (not self.network_id or self.school_id or self.district_id):
            raise ValidationError({"network": "Network staff are scoped to a network, and to nothing else."})
        if self.network_id and self.role not in ROLES_SCOPED_TO_NETWORK:
            raise ValidationError({"network": "Only network staff are scoped to a network."})
        if self.role in ROLES_SCOPED_TO_DISTRICT and not self.district_id:
            raise ValidationError({"district": "A district administrator must name the district."})
        if self.role in ROLES_SCOPED_TO_SCHOOL and not self.school_id:
            raise ValidationError({"school": f"A {self.get_role_display().lower()} must name the school."})
        if self.role in ROLES_SCOPED_TO_DISTRICT and self.school_id:
            raise ValidationError({"school": "A district administrator is scoped to a district, not a school."})
        if self.role in ROLES_SCOPED_TO_SCHOOL and self.district_id:
            raise ValidationError({"district": "This role is scoped to a school, not a district."})
        if self.role in {Role.STUDENT, Role.GUARDIAN} and (self.school_id or self.district_id):
            raise ValidationError("Students and guardians are scoped by their own records, not an organisation.")


class LoginAttempt(models.Model):
    """One failed log-in (wrong password or second-factor code), counted by ``accounts.throttle``.

    The username is stored as typed (normalised), whether or not such an account exists, so the throttle
    treats real and made-up names alike. ``cleared`` marks failures forgiven by a later successful log-in:
    they no longer count against the username, but still count against the address they came from.
    """

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    attempted_at = models.DateTimeField()
    cleared = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["username", "attempted_at"], name="loginattempt_user_time"),
            models.Index(fields=["ip_address", "attempted_at"], name="loginattempt_ip_time"),
            models.Index(fields=["attempted_at"], name="loginattempt_time"),
        ]

    def __str__(self) -> str:
        return f"{self.username or '(blank)'} from {self.ip_address or 'unknown'} at {self.attempted_at:%Y-%m-%d %H:%M}"
