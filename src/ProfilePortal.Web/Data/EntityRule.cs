using System.Linq.Expressions;

namespace ProfilePortal.Web.Data;

/// <summary>
/// A rule about an entity at a moment ("this token is active now"), written once as an expression. Queries put it into
/// their SQL (<see cref="At"/>, <see cref="NotAt"/>) and in-memory checks run the same expression compiled
/// (<see cref="Matches"/>), so the database and the code can never draw the boundary in different places.
/// </summary>
public sealed class EntityRule<TEntity, TArgument>
{
    private readonly Expression<Func<TEntity, TArgument, bool>> _rule;
    private readonly Func<TEntity, TArgument, bool> _compiled;

    public EntityRule(Expression<Func<TEntity, TArgument, bool>> rule)
    {
        _rule = rule;
        _compiled = rule.Compile();
    }

    public bool Matches(TEntity entity, TArgument argument) => _compiled(entity, argument);

    /// <summary>The rule as a query filter.</summary>
    public Expression<Func<TEntity, bool>> At(TArgument argument) => Bind(_rule.Body, argument);

    /// <summary>The rule's opposite as a query filter.</summary>
    public Expression<Func<TEntity, bool>> NotAt(TArgument argument) => Bind(Expression.Not(_rule.Body), argument);

    // The argument is read from a field of a captured object, as a lambda's captured variable is: EF Core then sends it
    // as a query parameter, so one SQL text (and one cached query plan) serves every value.
    private Expression<Func<TEntity, bool>> Bind(Expression body, TArgument argument)
    {
        var captured = Expression.Field(Expression.Constant(new Captured(argument)), nameof(Captured.Value));
        var bound = new ParameterReplacer(_rule.Parameters[1], captured).Visit(body);
        return Expression.Lambda<Func<TEntity, bool>>(bound, _rule.Parameters[0]);
    }

    private sealed class Captured(TArgument value)
    {
        public readonly TArgument Value = value;
    }

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
