"""Training: courses and their materials, sessions, enrolment, sign-in, submissions, exams, feedback, history."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from desktop_hr.models.base import Base, Hundredths, TimestampMixin, utcnow
from desktop_hr.models.people import Competency, Department, Employee, _enum


class CourseCategory(enum.StrEnum):
    REQUIRED = "required"  # 必修
    ELECTIVE = "elective"  # 选修
    PRACTICE = "practice"  # 实践


class CourseClassification(enum.StrEnum):
    INITIAL = "initial"  # 初任培训
    APPOINTMENT = "appointment"  # 任职培训
    SPECIALISED = "specialised"  # 专门业务培训
    IN_SERVICE = "in_service"  # 在职培训


class SubjectType(enum.StrEnum):
    PROFESSIONAL = "professional"  # 专业科目
    GENERAL = "general"  # 公需科目


class Delivery(enum.StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"


class SessionStatus(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"  # enrolment open
    FINISHED = "finished"
    CANCELLED = "cancelled"


class AssignmentType(enum.StrEnum):
    REFLECTION = "reflection"  # 心得
    ACTION_PLAN = "action_plan"  # 行动计划
    HOMEWORK = "homework"  # 作业


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class EnrolmentSource(enum.StrEnum):
    HR = "hr"
    HEAD = "head"  # by the employee's department head
    RECOMMENDED = "recommended"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"  # 出勤
    LATE = "late"  # 迟到
    ABSENT = "absent"  # 缺勤
    EXCUSED = "excused"  # 请假
    COMPLETED = "completed"  # 完成 (online courses)


class SignInMethod(enum.StrEnum):
    GRID = "grid"
    KIOSK = "kiosk"
    IMPORT = "import"


class StoredFile(Base):
    """File contents kept inside the database: transactional, in every backup, the same on PostgreSQL.

    Content-addressed (sha256), so the same courseware attached twice is stored once.
    """

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    # Deferred: listing materials never drags megabytes of courseware along.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TrainerTrack(enum.StrEnum):
    """Courses that train trainers (内训师培训): the trainer level checks count their class hours."""

    BASIC = "basic"  # 内训师基础培训 (初级 → 中级 needs 10 h)
    SPECIALISED = "specialised"  # 内训师专项培训 (中级 → 高级 needs 20 h)


class CourseCompetency(Base):
    __tablename__ = "course_competency"

    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), primary_key=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id"), primary_key=True)


class Course(Base, TimestampMixin):
    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint("credits >= 0", name="credits_not_negative"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    credits: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(0))
    hours: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(0))
    category: Mapped[CourseCategory] = mapped_column(_enum(CourseCategory, "course_category"))
    classification: Mapped[CourseClassification] = mapped_column(
        _enum(CourseClassification, "course_classification"), default=CourseClassification.IN_SERVICE
    )
    subject: Mapped[SubjectType] = mapped_column(
        _enum(SubjectType, "subject_type"), default=SubjectType.PROFESSIONAL
    )
    delivery: Mapped[Delivery] = mapped_column(_enum(Delivery, "delivery"), default=Delivery.OFFLINE)
    # None: HR's general module; else the business department whose professional module owns it.
    owner_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Set on the courses that train trainers; None on every other course.
    trainer_track: Mapped[TrainerTrack | None] = mapped_column(_enum(TrainerTrack, "trainer_track"))

    owner_department: Mapped[Department | None] = relationship()
    competencies: Mapped[list[Competency]] = relationship(
        secondary="course_competency", order_by=Competency.name
    )
    materials: Mapped[list[CourseMaterial]] = relationship(
        back_populates="course", order_by="CourseMaterial.id", cascade="all, delete-orphan"
    )


class CourseMaterial(Base):
    """A courseware file or template in the material library (素材库), with the name it was uploaded as."""

    __tablename__ = "course_material"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    uploaded_by: Mapped[str] = mapped_column(String(50), default="")

    course: Mapped[Course] = relationship(back_populates="materials")
    file: Mapped[StoredFile] = relationship()


class TrainingSession(Base, TimestampMixin):
    """A course run at a time and place (培训班次). Times are local wall-clock times, as on the notice."""

    __tablename__ = "training_session"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint("pass_mark IS NULL OR pass_mark BETWEEN 0 AND 100", name="pass_mark_range"),
        CheckConstraint(
            "assignment_due IS NULL OR assignment_type IS NOT NULL", name="due_only_with_assignment"
        ),
        Index("ix_training_session_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    external_trainer: Mapped[str] = mapped_column(String(100), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: unlimited
    enrol_deadline: Mapped[date | None] = mapped_column(Date)
    assignment_type: Mapped[AssignmentType | None] = mapped_column(_enum(AssignmentType, "assignment_type"))
    assignment_due: Mapped[date | None] = mapped_column(Date)
    pass_mark: Mapped[int | None] = mapped_column(Integer)  # set when the session has an exam
    status: Mapped[SessionStatus] = mapped_column(
        _enum(SessionStatus, "session_status"), default=SessionStatus.PLANNED
    )
    note: Mapped[str] = mapped_column(Text, default="")

    course: Mapped[Course] = relationship()
    trainer: Mapped[Employee | None] = relationship()


class Enrolment(Base, TimestampMixin):
    __tablename__ = "enrolment"
    __table_args__ = (
        UniqueConstraint("session_id", "employee_id"),
        Index("ix_enrolment_employee_id", "employee_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    status: Mapped[EnrolmentStatus] = mapped_column(_enum(EnrolmentStatus, "enrolment_status"))
    source: Mapped[EnrolmentSource] = mapped_column(
        _enum(EnrolmentSource, "enrolment_source"), default=EnrolmentSource.HR
    )
    # Waitlist order: first come, first moved up.
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    session: Mapped[TrainingSession] = relationship()
    employee: Mapped[Employee] = relationship()


class Attendance(Base, TimestampMixin):
    """Who came (签到). One row per person and session: a second sign-in never adds another."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "employee_id"),
        Index("ix_attendance_employee_id", "employee_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus, "attendance_status"))
    signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)  # local time
    method: Mapped[SignInMethod] = mapped_column(
        _enum(SignInMethod, "sign_in_method"), default=SignInMethod.GRID
    )
    recorded_by: Mapped[str] = mapped_column(String(50), default="")

    session: Mapped[TrainingSession] = relationship()
    employee: Mapped[Employee] = relationship()


class Submission(Base, TimestampMixin):
    """A reflection, action plan or homework handed in for a session, and its grading."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("session_id", "employee_id", "kind"),
        Index("ix_submission_employee_id", "employee_id"),
        CheckConstraint("hr_score IS NULL OR hr_score BETWEEN 0 AND 100", name="hr_score_range"),
        CheckConstraint("head_score IS NULL OR head_score BETWEEN 0 AND 100", name="head_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    kind: Mapped[AssignmentType] = mapped_column(_enum(AssignmentType, "submission_kind"))
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    submitted_at: Mapped[datetime] = mapped_column(DateTime)  # local time
    hr_score: Mapped[int | None] = mapped_column(Integer)
    head_score: Mapped[int | None] = mapped_column(Integer)
    excellent: Mapped[bool] = mapped_column(default=False)
    adopted: Mapped[bool] = mapped_column(default=False)  # action plans
    published: Mapped[bool] = mapped_column(default=False)  # reflections

    session: Mapped[TrainingSession] = relationship()
    employee: Mapped[Employee] = relationship()
    file: Mapped[StoredFile | None] = relationship()


class ExamResult(Base, TimestampMixin):
    __tablename__ = "exam_result"
    __table_args__ = (
        UniqueConstraint("session_id", "employee_id"),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)

    session: Mapped[TrainingSession] = relationship()
    employee: Mapped[Employee] = relationship()


class Feedback(Base, TimestampMixin):
    """学员评价: how a participant rated the trainer and the course."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("session_id", "employee_id"),
        CheckConstraint(
            "trainer_satisfaction IS NULL OR trainer_satisfaction BETWEEN 0 AND 100",
            name="satisfaction_range",
        ),
        CheckConstraint("course_rating IS NULL OR course_rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    trainer_satisfaction: Mapped[int | None] = mapped_column(Integer)
    course_rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[TrainingSession] = relationship()
    employee: Mapped[Employee] = relationship()


class TrainingRecord(Base, TimestampMixin):
    """Training from before the program (history import): counts toward credits and hours, never points."""

    __tablename__ = "training_record"
    __table_args__ = (
        UniqueConstraint("employee_id", "course_title", "on_date"),
        CheckConstraint("credits >= 0", name="credits_not_negative"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    course_title: Mapped[str] = mapped_column(String(200))
    on_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(0))
    credits: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(0))
    category: Mapped[CourseCategory | None] = mapped_column(_enum(CourseCategory, "record_category"))
    subject: Mapped[SubjectType | None] = mapped_column(_enum(SubjectType, "record_subject"))
    classification: Mapped[CourseClassification | None] = mapped_column(
        _enum(CourseClassification, "record_classification")
    )
    score: Mapped[str] = mapped_column(String(20), default="")  # as recorded: 85, 合格, 优秀
    note: Mapped[str] = mapped_column(Text, default="")
    # 学时认定: a learning form of the recognition table and how many of its units (days, papers…).
    learning_form: Mapped[str | None] = mapped_column(ForeignKey("recognition_rule.code"))
    quantity: Mapped[Decimal | None] = mapped_column(Hundredths)

    employee: Mapped[Employee] = relationship()


class Setting(Base):
    """Office-wide settings kept with the data (e.g. the sign-in grace period), so every PC agrees."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
