"""The choice-code aliases of the API schemas are static `Literal` types (so mypy checks them);
each must list exactly the codes of the model choices it stands for, in their order."""

from typing import get_args

import pytest

from lotse.council_reports import schemas as council_reports
from lotse.council_reports.kinds import Format
from lotse.council_reports.kinds import Kind
from lotse.governance import schemas as governance
from lotse.governance.models import Body
from lotse.governance.models import DecisionKind
from lotse.ideas import schemas as ideas
from lotse.ideas.models import Criterion
from lotse.ideas.models import Idea
from lotse.jobs import schemas as jobs
from lotse.jobs.models import Job
from lotse.okr import schemas as okr
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import ObjectiveReview
from lotse.okr.models import OkrLink
from lotse.okr.models import Quarter
from lotse.portfolio import schemas as portfolio
from lotse.portfolio.models import DecisionBody
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.workdays import REGION_CODES
from lotse.reporting import schemas as reporting
from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Rating
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport

SUPPORT_FROM = [code for code, _label in StatusReport._meta.get_field("support_from").choices]

CASES = {
    "jobs.StatusCode": (jobs.StatusCode, Job.Status.values),
    "portfolio.StageCode": (portfolio.StageCode, Stage.values),
    "portfolio.ProjectKindCode": (portfolio.ProjectKindCode, Project.Kind.values),
    "portfolio.MethodCode": (portfolio.MethodCode, Project.Method.values),
    "portfolio.ImpactCode": (portfolio.ImpactCode, FieldOfAction.Impact.values),
    "portfolio.OrgUnitKindCode": (portfolio.OrgUnitKindCode, OrgUnit.Kind.values),
    "portfolio.LevelCode": (portfolio.LevelCode, GoalContribution.Level.values),
    "portfolio.DependencyKindCode": (portfolio.DependencyKindCode, Dependency.Kind.values),
    "portfolio.DecisionBodyCode": (portfolio.DecisionBodyCode, DecisionBody.values),
    "portfolio.RegionCode": (portfolio.RegionCode, ["", *sorted(REGION_CODES)]),
    "reporting.RatingCode": (reporting.RatingCode, Rating.values),
    "reporting.SupportFromCode": (reporting.SupportFromCode, ["", *SUPPORT_FROM]),
    "reporting.RiskStatusCode": (reporting.RiskStatusCode, Risk.Status.values),
    "reporting.BodyCode": (reporting.BodyCode, DecisionRequest.Body.values),
    "reporting.RequestStatusCode": (reporting.RequestStatusCode, DecisionRequest.Status.values),
    "governance.BodyCode": (governance.BodyCode, Body.values),
    "governance.KindCode": (governance.KindCode, DecisionKind.values),
    "okr.QuarterStateCode": (okr.QuarterStateCode, Quarter.State.values),
    "okr.TargetGroupCode": (okr.TargetGroupCode, ["", *Objective.TargetGroup.values]),
    "okr.CommitmentCode": (okr.CommitmentCode, Objective.Commitment.values),
    "okr.ObjectiveStateCode": (okr.ObjectiveStateCode, Objective.State.values),
    "okr.KindCode": (okr.KindCode, KeyResult.Kind.values),
    "okr.UnitCode": (okr.UnitCode, KeyResult.Unit.values),
    "okr.SourceCode": (okr.SourceCode, KeyResult.Source.values),
    "okr.OutcomeCode": (okr.OutcomeCode, ObjectiveReview.Outcome.values),
    "okr.NextStepCode": (okr.NextStepCode, ["", *ObjectiveReview.NextStep.values]),
    "okr.LinkKindCode": (okr.LinkKindCode, OkrLink.Kind.values),
    "council_reports.KindCode": (council_reports.KindCode, Kind.values),
    "ideas.StatusCode": (ideas.StatusCode, Idea.Status.values),
    "ideas.DirectionCode": (ideas.DirectionCode, Criterion.Direction.values),
    "ideas.AxisCode": (ideas.AxisCode, Criterion.Axis.values),
    "council_reports.FormatCode": (council_reports.FormatCode, Format.values),
}


@pytest.mark.parametrize("name", CASES)
def test_alias_lists_the_models_codes(name):
    alias, codes = CASES[name]
    assert list(get_args(alias)) == list(codes)
